package io.graphmail.gateway.security.apikeys;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call the API, configured by the operator. Keys created through {@code /api/v1/keys} are stored in
 * MongoDB instead.
 *
 * @param clients bootstrap clients by name ({@code GRAPHMAIL_SECURITY_CLIENTS_<NAME>_KEYS} and so on)
 * @param apiKeys deprecated: {@code GRAPHMAIL_API_KEYS}, a comma-separated list whose keys each act as an
 *     {@code admin} client named after the key's fingerprint
 * @param publicApiDocs whether {@code /v3/api-docs} and Swagger UI answer without a key
 */
@ConfigurationProperties("graphmail.security")
public record SecurityProperties(
        @DefaultValue Map<String, ClientSettings> clients,
        @DefaultValue List<String> apiKeys,
        @DefaultValue("true") boolean publicApiDocs) {

    /**
     * @param keys the client's API keys in plain text (from the environment)
     * @param keyDigests or their SHA-256 digests in hex, so the plain keys need not be on the server
     * @param scopes what the client may do ({@code mail:send}, {@code mail:read}, {@code accounts:read},
     *     {@code accounts:manage}, {@code mailbox:read}, {@code admin})
     * @param accounts accounts it may use besides those it registers; {@code *} for all
     */
    record ClientSettings(
            @DefaultValue List<String> keys,
            @DefaultValue List<String> keyDigests,
            @DefaultValue List<String> scopes,
            @DefaultValue List<String> accounts) {}
}
