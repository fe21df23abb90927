package io.graphmail.gateway.batches;

import java.time.Instant;
import java.util.Map;

/**
 * A batch and its progress.
 *
 * @param counts messages by status
 * @param sentLastMinute messages sent in the last minute: the current rate per minute
 */
record BatchView(
        String id,
        String accountId,
        Batch.State state,
        int total,
        Map<String, Long> counts,
        long sentLastMinute,
        Instant createdAt,
        Instant sendAt) {}
