package io.graphmail.gateway.batches;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;

/**
 * A batch and its progress.
 *
 * @param counts messages by status; while the batch is PAUSED, those not yet final count as PAUSED
 * @param sentLastMinute messages sent in the last minute: the current rate per minute
 * @param completedAt when its last message reached a final status
 * @param estimatedCompletionAt when its last message should be sent at the account's pacing
 * @param accountMessagesPerMinute the account's pacing: its own rate, or the default
 */
record BatchView(
        String id,
        String accountId,

        @Schema(
                description = "SCHEDULED (until sendAt) → ACTIVE → COMPLETED (every message final); PAUSED and"
                        + " CANCELLED by request; SUBMITTING only while the submission is under way")
        Batch.State state,

        int total,

        @Schema(
                description = "Messages by status (SENT, FAILED, CANCELLED, SUPPRESSED, ACCEPTED, …); while the"
                        + " batch is PAUSED, its messages not yet final count as PAUSED. SUPPRESSED items (a"
                        + " recipient on the client's suppression list) are final from the start and never sent")
        Map<String, Long> counts,

        @Schema(description = "Messages of the batch sent in the last minute")
        long sentLastMinute,

        Instant createdAt,
        Instant sendAt,

        @Schema(
                description = "When its last message reached a final status: set once the batch is COMPLETED,"
                        + " or once nothing of a CANCELLED batch is in flight any more",
                nullable = true)
        Instant completedAt,

        @Schema(
                description = "When its last message should go out at the account's pacing: its messages not"
                        + " yet final, the account's single sends waiting (sent first) and, of each other"
                        + " ACTIVE batch of the account, as many as this one has left (running batches take"
                        + " turns). Null unless SCHEDULED or ACTIVE. Graph's throttling and the daily"
                        + " recipient limit are not foreseen",
                nullable = true)
        Instant estimatedCompletionAt,

        @Schema(
                description = "The account's pacing in messages per minute: its own limit"
                        + " (PUT /api/v1/accounts/{id}/limits) or the default, 30; 0 means unlimited")
        int accountMessagesPerMinute) {}
