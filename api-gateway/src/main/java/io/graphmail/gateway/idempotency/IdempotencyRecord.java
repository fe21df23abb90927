package io.graphmail.gateway.idempotency;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A request made with an {@code Idempotency-Key}, and its response once there is one. Kept 24 hours.
 *
 * @param id digest of the client and the key, so keys are scoped to the API key that used them
 * @param fingerprint digest of method, path and body, to tell a retry from a different request
 */
@Document("idempotency_keys")
record IdempotencyRecord(
        @Id String id,
        String fingerprint,
        boolean completed,
        int status,
        String location,
        String contentType,
        String body,
        @Indexed(expireAfter = "24h") Instant createdAt) {}
