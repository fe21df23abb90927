package io.graphmail.simulator.identity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * OpenID Connect discovery for clients that look the endpoints up. MSAL with an AAD authority,
 * {@code instanceDiscovery(false)} and {@code validateAuthority(false)} does not ask for it.
 */
@RestController
class OpenIdConfigurationController {

    private final SigningKey signingKey;

    OpenIdConfigurationController(SigningKey signingKey) {
        this.signingKey = signingKey;
    }

    @GetMapping("/{tenant}/v2.0/.well-known/openid-configuration")
    Map<String, Object> configuration(@PathVariable String tenant) {
        String root = ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
        String authority = root + "/" + tenant;
        boolean multiTenant = List.of("common", "organizations").contains(tenant.toLowerCase(Locale.ROOT));
        var configuration = new LinkedHashMap<String, Object>();
        configuration.put("issuer", root + "/" + (multiTenant ? "{tenantid}" : TenantIds.forApp(tenant)) + "/v2.0");
        configuration.put("authorization_endpoint", authority + "/oauth2/v2.0/authorize");
        configuration.put("token_endpoint", authority + "/oauth2/v2.0/token");
        configuration.put("device_authorization_endpoint", authority + "/oauth2/v2.0/devicecode");
        configuration.put("jwks_uri", authority + "/discovery/v2.0/keys");
        configuration.put("response_types_supported", List.of("code", "id_token", "code id_token"));
        configuration.put("subject_types_supported", List.of("pairwise"));
        configuration.put("id_token_signing_alg_values_supported", List.of("none"));
        configuration.put("scopes_supported", List.of("openid", "profile", "email", "offline_access"));
        configuration.put(
                "grant_types_supported",
                List.of("urn:ietf:params:oauth:grant-type:device_code", "refresh_token", "client_credentials"));
        configuration.put(
                "token_endpoint_auth_methods_supported",
                List.of("client_secret_post", "client_secret_basic", "private_key_jwt"));
        return configuration;
    }

    /** The key that signs access tokens for registered APIs (id tokens stay unsigned). */
    @GetMapping("/{tenant}/discovery/v2.0/keys")
    Map<String, List<Object>> keys(@PathVariable String tenant) {
        return Map.of("keys", List.of(signingKey.publicJwk()));
    }
}
