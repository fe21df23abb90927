package io.graphmail.simulator.identity;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.web.util.UriUtils;

/**
 * A form posted to the token or device code endpoint.
 *
 * @param tenant the tenant segment of the authority: {@code consumers}, {@code organizations}, {@code common}, a
 *     tenant id or a domain
 * @param form the form fields
 * @param authorization the {@code Authorization} header, for client secrets sent with HTTP basic authentication
 * @param root scheme, host and port the request came to, for the {@code iss} claim
 */
public record TokenRequest(String tenant, Map<String, String> form, String authorization, String root) {

    private static final String BASIC = "basic ";
    private static final String APP_SCOPE_SUFFIX = "/.default";

    /** Scopes msal4j adds to every request, which Entra ID ignores in the client credentials flow. */
    private static final Set<String> OPENID_SCOPES = Set.of("openid", "profile", "offline_access");

    public String required(String name) {
        return optional(name).orElseThrow(() -> IdentityError.missingParameter(name));
    }

    Optional<String> optional(String name) {
        return Optional.ofNullable(form.get(name)).filter(value -> !value.isBlank());
    }

    /** The {@code scope} field, split at spaces, in order; empty when absent. */
    public Set<String> scopes() {
        return optional("scope")
                .map(scope -> Collections.unmodifiableSet(
                        new LinkedHashSet<>(Arrays.asList(scope.trim().split("\\s+")))))
                .orElse(Set.of());
    }

    /**
     * The resource a client credentials request asks for: its one scope besides the sign-in scopes msal4j adds, without
     * the {@code /.default} it must end with; empty for any other scope.
     */
    public Optional<String> appResource() {
        var resources = scopes().stream()
                .filter(scope -> !OPENID_SCOPES.contains(scope))
                .toList();
        if (resources.size() != 1 || !resources.get(0).endsWith(APP_SCOPE_SUFFIX)) {
            return Optional.empty();
        }
        String resource = resources.get(0);
        return Optional.of(resource.substring(0, resource.length() - APP_SCOPE_SUFFIX.length()));
    }

    /** The client id, from the form or else the basic credentials. */
    public String clientId() {
        return optional("client_id")
                .or(() -> basicCredentials().map(credentials -> credentials[0]))
                .orElseThrow(() -> IdentityError.missingParameter("client_id"));
    }

    /** A certificate credential's signed JWT, when the client sent one instead of a secret. */
    public Optional<String> clientAssertion() {
        return optional("client_assertion")
                .filter(assertion -> optional("client_assertion_type")
                        .filter("urn:ietf:params:oauth:client-assertion-type:jwt-bearer"::equals)
                        .isPresent());
    }

    /** The client secret, from the form or else the basic credentials. */
    public String clientSecret() {
        return optional("client_secret")
                .or(() -> basicCredentials().map(credentials -> credentials[1]))
                .orElseThrow(() -> IdentityError.missingParameter("client_assertion' or 'client_secret"));
    }

    /** The issuer Entra ID names in tokens of a tenant: {@code <root>/<tenant id>/v2.0}. */
    public String issuer(String tenantId) {
        return root + "/" + tenantId + "/v2.0";
    }

    private Optional<String[]> basicCredentials() {
        if (authorization == null || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(
                    Base64.getDecoder()
                            .decode(authorization.substring(BASIC.length()).trim()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        return Optional.of(new String[] {
            UriUtils.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
            UriUtils.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)
        });
    }
}
