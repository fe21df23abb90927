package io.graphmail.gateway.security.filterchain;

import io.graphmail.gateway.security.ApiClient;
import io.graphmail.gateway.security.Scope;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Turns a validated JWT into the {@link ApiClient} it speaks for: {@code oidc:<client id claim>}, the scopes its
 * configured claim maps to, and the accounts configured for it.
 */
final class TokenClients implements Converter<Jwt, AccessTokenAuthentication> {

    private static final Logger log = LoggerFactory.getLogger(TokenClients.class);

    private final OidcProperties properties;
    private final Map<String, Scope> scopeMapping = new HashMap<>();
    private final Map<String, Set<String>> accounts = new HashMap<>();

    TokenClients(OidcProperties properties) {
        this.properties = properties;
        properties
                .scopeMapping()
                .forEach((value, scope) -> scopeMapping.put(
                        normalised(value),
                        Scope.parse(scope.trim())
                                .orElseThrow(() -> new IllegalStateException("graphmail.security.oidc.scope-mapping."
                                        + value + " names unknown scope '" + scope + "'"))));
        properties.accounts().forEach((client, ids) -> accounts.put(normalised(client), Set.copyOf(ids)));
        if (scopeMapping.isEmpty()) {
            log.warn("Access tokens are accepted but graphmail.security.oidc.scope-mapping is empty: every token client"
                    + " is refused every operation (403)");
        }
    }

    @Override
    public AccessTokenAuthentication convert(Jwt jwt) {
        String clientId = properties.clientIdClaims().stream()
                .map(jwt::getClaimAsString)
                .filter(value -> value != null && !value.isBlank())
                .findFirst()
                .orElseThrow(() -> new BadCredentialsException(
                        "The access token names no client (" + String.join(", ", properties.clientIdClaims()) + ")"));
        var scopes = claimValues(jwt.getClaim(properties.scopesClaim()))
                .map(value -> scopeMapping.get(normalised(value)))
                .filter(scope -> scope != null)
                .collect(Collectors.toUnmodifiableSet());
        var usable = new HashSet<String>(accounts.getOrDefault(OidcProperties.EVERY_CLIENT, Set.of()));
        usable.addAll(accounts.getOrDefault(normalised(clientId), Set.of()));
        return new AccessTokenAuthentication(new ApiClient(OidcProperties.CLIENT_PREFIX + clientId, scopes, usable));
    }

    /** {@code roles} is a JSON array; {@code scp} a space-separated string. */
    private static Stream<String> claimValues(Object claim) {
        if (claim instanceof String text) {
            return Stream.of(text.trim().split("\\s+")).filter(value -> !value.isEmpty());
        }
        if (claim instanceof Collection<?> values) {
            return values.stream().filter(String.class::isInstance).map(String.class::cast);
        }
        return List.<String>of().stream();
    }

    private static String normalised(String value) {
        return value.trim().toLowerCase(Locale.ROOT);
    }
}
