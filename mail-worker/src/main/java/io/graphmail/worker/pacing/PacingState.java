package io.graphmail.worker.pacing;

import java.util.HashMap;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One account's pacing, shared by all workers (collection {@code account_pacing}, workers only).
 *
 * @param nextSendAt the earliest instant (epoch ms) the next message may go: messages are spaced
 *     evenly, one per {@code 60 s / messagesPerMinute} (a generic cell rate algorithm)
 * @param leases permits in progress: lease id → expiry (epoch ms)
 * @param recipientsByHour recipients sent per hour (epoch hour → count) over the last 24 hours
 * @param blockedUntil Graph's last {@code Retry-After} for this mailbox (epoch ms)
 */
@Document("account_pacing")
record PacingState(
        @Id String accountId,
        long nextSendAt,
        Map<String, Long> leases,
        Map<String, Long> recipientsByHour,
        long blockedUntil,
        @Version Long version) {

    static PacingState fresh(String accountId) {
        return new PacingState(accountId, 0, new HashMap<>(), new HashMap<>(), 0, null);
    }
}
