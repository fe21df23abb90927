package io.graphmail.gateway.security.apikeys;

import io.graphmail.gateway.security.ApiClient;
import io.graphmail.gateway.security.KeyLimits;
import io.graphmail.gateway.security.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An API key issued through {@code /api/v1/keys}. Only its SHA-256 digest is kept; the key itself was shown once.
 *
 * @param createdBy the client that issued it
 * @param revokedAt when it stopped working, or {@code null}
 * @param lastUsedAt roughly when it was last used (updated at most once a minute)
 * @param limits the key's own rate limits; {@code null} for its client's
 */
@Document("api_keys")
record StoredKey(
        @Id String id,
        @Indexed(unique = true) String digest,
        String client,
        List<String> scopes,
        List<String> accounts,
        String description,
        Instant createdAt,
        String createdBy,
        Instant revokedAt,
        Instant lastUsedAt,
        KeyLimits limits) {

    boolean isActive() {
        return revokedAt == null;
    }

    ApiClient toClient() {
        return new ApiClient(
                client,
                scopes.stream().flatMap(scope -> Scope.parse(scope).stream()).collect(Collectors.toSet()),
                Set.copyOf(accounts),
                limits);
    }
}
