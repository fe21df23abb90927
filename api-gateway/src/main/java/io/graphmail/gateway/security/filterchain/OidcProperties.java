package io.graphmail.gateway.security.filterchain;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * JWT access tokens from an OpenID Connect provider (Microsoft Entra ID or another) as a second way in, besides API
 * keys. Off unless {@code issuer-uri} is set.
 *
 * @param issuerUri the {@code iss} every accepted token carries, e.g. {@code https://login.microsoftonline.com/<tenant
 *     id>/v2.0}; its {@code /.well-known/openid-configuration} names the key set unless {@code jwk-set-uri} does
 * @param jwkSetUri where the provider publishes its signing keys, when discovery is not wanted
 * @param audiences accepted {@code aud} values (for Entra ID v2.0 tokens: the API's client id); required
 * @param scopesClaim the claim whose values map to scopes: {@code roles} (app-only tokens) or {@code scp} (delegated)
 * @param scopeMapping claim value → graphmail scope, e.g. {@code Graphmail.Send → mail:send}; values are matched
 *     without regard to case and values not listed grant nothing
 * @param clientIdClaims the claims naming the calling app, first present wins; the client is {@code oidc:<value>}
 * @param accounts accounts each client may use besides those it registers, by the value of its client id claim
 *     ({@code *} as a client id: every token client; {@code *} as an account: every account)
 * @param clockSkew how far {@code exp} and {@code nbf} may be off
 * @param trustedCertificate a PEM file whose certificates alone are trusted for HTTPS to the provider (a private CA
 *     or a test stand-in); the JVM's trust store when absent
 */
@ConfigurationProperties("graphmail.security.oidc")
record OidcProperties(
        URI issuerUri,
        URI jwkSetUri,
        @DefaultValue List<String> audiences,
        @DefaultValue("roles") String scopesClaim,
        @DefaultValue Map<String, String> scopeMapping,
        @DefaultValue({"azp", "appid", "sub"}) List<String> clientIdClaims,
        @DefaultValue Map<String, List<String>> accounts,
        @DefaultValue("60s") Duration clockSkew,
        Path trustedCertificate) {

    static final String CLIENT_PREFIX = "oidc:";
    static final String EVERY_CLIENT = "*";

    /** An empty {@code GRAPHMAIL_SECURITY_OIDC_ISSUER_URI} leaves it off too. */
    boolean enabled() {
        return issuerUri != null && !issuerUri.toString().isBlank();
    }
}
