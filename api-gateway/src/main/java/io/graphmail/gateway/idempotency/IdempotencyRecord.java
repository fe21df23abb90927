package io.graphmail.gateway.idempotency;

import java.time.Duration;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A request made with an {@code Idempotency-Key}, and its response once there is one. Kept 24 hours.
 *
 * @param id digest of the client and the key, so keys are scoped to the API key that used them
 * @param fingerprint digest of method, path and body, to tell a retry from a different request
 * @param owner who processes the request now: one processing, not one gateway; {@code null} once completed
 * @param leaseUntil until when the owner holds the key; renewed while the request runs, so a lapsed lease means its
 *     gateway stopped
 * @param origin what the ids of everything the request creates derive from; kept when a retry takes the key over,
 *     so the retry creates the same ids
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
        @Indexed(expireAfter = "24h") Instant createdAt,
        String owner,
        Instant leaseUntil,
        String origin) {

    /**
     * Whether a gateway may still be processing it: in flight, its lease not lapsed. A record from before leases
     * counts as leased for {@code lease} from its creation.
     */
    boolean heldAt(Instant now, Duration lease) {
        Instant until = leaseUntil != null ? leaseUntil : createdAt.plus(lease);
        return !completed && until.isAfter(now);
    }
}
