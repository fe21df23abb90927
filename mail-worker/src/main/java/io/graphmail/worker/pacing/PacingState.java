package io.graphmail.worker.pacing;

import java.util.HashMap;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One account's pacing, shared by all workers (collection {@code account_pacing}, workers only).
 *
 * @param nextSendAt the next free slot (epoch ms): slots are spaced evenly, one per
 *     {@code 60 s / messagesPerMinute} (a generic cell rate algorithm), and handed out in order
 * @param leases permits in progress: lease id → expiry (epoch ms)
 * @param recipientsByHour recipients sent per hour (epoch hour → count) over the last 24 hours
 * @param blockedUntil Graph's last {@code Retry-After} for this mailbox (epoch ms)
 * @param recentSends the sends of the last minute: lease id → when its Graph call ended (epoch ms), since Graph may
 *     count a send at any moment of the call; until it ended, when its lease ends, the latest it may
 * @param lanes the lanes whose messages wait for a slot, by {@link Lane#key()}
 * @param transactionalStreak slots in a row given to transactional messages while bulk ones waited
 */
@Document("account_pacing")
record PacingState(
        @Id String accountId,
        long nextSendAt,
        Map<String, Long> leases,
        Map<String, Long> recipientsByHour,
        long blockedUntil,
        Map<String, Long> recentSends,
        Map<String, LaneState> lanes,
        Integer transactionalStreak,
        @Version Long version) {

    static PacingState fresh(String accountId) {
        return new PacingState(
                accountId, 0, new HashMap<>(), new HashMap<>(), 0, new HashMap<>(), new HashMap<>(), 0, null);
    }

    PacingState withDefaults() {
        return new PacingState(
                accountId,
                nextSendAt,
                leases == null ? new HashMap<>() : leases,
                recipientsByHour == null ? new HashMap<>() : recipientsByHour,
                blockedUntil,
                recentSends == null ? new HashMap<>() : recentSends,
                lanes == null ? new HashMap<>() : lanes,
                transactionalStreak == null ? 0 : transactionalStreak,
                version);
    }

    int streak() {
        return transactionalStreak == null ? 0 : transactionalStreak;
    }

    PacingState withLeases(Map<String, Long> leases) {
        return with(leases, lanes);
    }

    PacingState withLanes(Map<String, LaneState> lanes) {
        return with(leases, lanes);
    }

    private PacingState with(Map<String, Long> leases, Map<String, LaneState> lanes) {
        return new PacingState(
                accountId,
                nextSendAt,
                leases,
                recipientsByHour,
                blockedUntil,
                recentSends,
                lanes,
                transactionalStreak,
                version);
    }
}
