package io.graphmail.gateway.security.apikeys;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.graphmail.gateway.security.KeyLimits;
import java.time.Instant;
import java.util.List;

/** An issued key as listed: never the key itself, except once in the answer that issued it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record KeyView(
        String id,
        String client,
        List<String> scopes,
        List<String> accounts,
        String description,
        Instant createdAt,
        String createdBy,
        Instant revokedAt,
        Instant lastUsedAt,
        KeyLimits limits,
        String key) {

    static KeyView of(StoredKey key) {
        return withKey(key, null);
    }

    static KeyView withKey(StoredKey key, String plaintext) {
        return new KeyView(
                key.id(),
                key.client(),
                key.scopes(),
                key.accounts(),
                key.description(),
                key.createdAt(),
                key.createdBy(),
                key.revokedAt(),
                key.lastUsedAt(),
                key.limits(),
                plaintext);
    }
}
