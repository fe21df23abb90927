package io.graphmail.worker.accounts.tokens;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One account's msal4j token cache, encrypted, and what the workers know of its consent.
 *
 * @param state {@code ACTIVE}, {@code PENDING_CONSENT} or {@code REAUTH_REQUIRED}
 * @param version increases with every write; a write that expects another version is refused
 */
@Document("token_caches")
record TokenCacheDocument(
        @Id String accountId,
        String state,
        String keyId,
        byte[] nonce,
        byte[] ciphertext,
        long version,
        Instant updatedAt) {}
