package io.graphmail.simulator.identity.protectedapis;

import io.graphmail.simulator.identity.IdentityProperties;
import io.graphmail.simulator.identity.SigningKey;
import io.graphmail.simulator.identity.TenantIds;
import io.graphmail.simulator.identity.TokenRequest;
import io.graphmail.simulator.identity.TokenResponse;
import io.graphmail.simulator.identity.apps.RegisteredApps;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Client credentials for a registered web API (not Graph): a v2.0 access token signed with the {@link SigningKey},
 * with the claims the Microsoft identity platform puts in app-only tokens for APIs whose manifest asks for v2.0
 * tokens ({@code requestedAccessTokenVersion: 2}): {@code aud} the API's client id, {@code iss}
 * {@code <root>/<tenant id>/v2.0}, {@code azp} and {@code azpacr} for the caller, {@code roles} the app roles granted
 * to it, {@code oid}/{@code sub} its service principal, {@code idtyp: app}.
 */
@Component
public class ApiAccessTokens {

    private final ProtectedApis apis;
    private final RegisteredApps apps;
    private final SigningKey signingKey;
    private final IdentityProperties properties;

    ApiAccessTokens(ProtectedApis apis, RegisteredApps apps, SigningKey signingKey, IdentityProperties properties) {
        this.apis = apis;
        this.apps = apps;
        this.signingKey = signingKey;
        this.properties = properties;
    }

    /** A signed token when the request asks for {@code <registered API>/.default}; empty for any other scope. */
    public Optional<TokenResponse> forRegisteredApi(TokenRequest request) {
        return requestedApi(request).map(api -> issue(api, request));
    }

    private Optional<ApiRegistration> requestedApi(TokenRequest request) {
        return request.appResource().flatMap(apis::find);
    }

    private TokenResponse issue(ApiRegistration api, TokenRequest request) {
        String clientId = request.clientId();
        apps.authenticate(request, clientId);
        String tenantId = TenantIds.forApp(request.tenant());
        var now = Instant.now();
        var expiresAt = now.plus(properties.accessTokenLifetime());
        String servicePrincipal = servicePrincipalId(tenantId, clientId);
        var claims = new LinkedHashMap<String, Object>();
        claims.put("aud", api.clientId());
        claims.put("iss", request.issuer(tenantId));
        claims.put("iat", now.getEpochSecond());
        claims.put("nbf", now.getEpochSecond());
        claims.put("exp", expiresAt.getEpochSecond());
        claims.put("azp", clientId);
        claims.put("azpacr", request.clientAssertion().isPresent() ? "2" : "1");
        claims.put("idtyp", "app");
        claims.put("oid", servicePrincipal);
        List<String> roles = api.rolesOf(clientId);
        if (!roles.isEmpty()) {
            claims.put("roles", roles);
        }
        claims.put("sub", servicePrincipal);
        claims.put("tid", tenantId);
        claims.put("uti", UUID.randomUUID().toString());
        claims.put("ver", "2.0");
        long lifetime = properties.accessTokenLifetime().toSeconds();
        return new TokenResponse("Bearer", null, lifetime, lifetime, signingKey.sign(claims), null, null, null);
    }

    /** The object id of the app's service principal in the tenant: stable, different in each tenant. */
    private static String servicePrincipalId(String tenantId, String clientId) {
        return UUID.nameUUIDFromBytes(
                        ("sp:" + tenantId + "|" + clientId.toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
