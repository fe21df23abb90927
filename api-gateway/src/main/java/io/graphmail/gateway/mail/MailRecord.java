package io.graphmail.gateway.mail;

import io.graphmail.contract.send.SendMailCommand;
import java.time.Duration;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A submitted message as the gateway tracks it.
 *
 * @param publishAt when the sweeper publishes it if it is still unpublished: its {@code sendAt}, or
 *     a grace period after acceptance for a record a crash left behind; {@code null} while its batch's window holds
 *     it back
 * @param batchId the batch it belongs to, or {@code null}
 * @param outbox the command as last published: the sweeper publishes it should the gateway stop
 *     before the broker confirmed it, and a retry publishes it again
 * @param correlationId the correlation id of the request that submitted it, which a later publication (by the
 *     sweeper) carries too; {@code null} for records older than correlation ids
 * @param client the API client that submitted it; only it (and admins) can see or act on it
 * @param awaitsWindow {@code true} for a batch message recorded beyond its batch's window: it is published once enough
 *     of the batch's messages before it are final ({@code RefillingBatchWindows}), never by the sweeper; otherwise
 *     {@code null}, and left out of the document
 */
@Document("mail")
// A batch's unfinished messages (its completion, its cancel) and an account's queue (a batch's estimate).
@CompoundIndex(name = "batch_status", def = "{'batchId': 1, 'status': 1}")
@CompoundIndex(name = "account_status", def = "{'accountId': 1, 'status': 1}")
// The sweeper's due records: those held back by their batch's window have no publishAt, and are never scanned.
@CompoundIndex(name = "pending_publish_at", def = "{'pendingPublish': 1, 'publishAt': 1}")
// The batches with messages held back, the next of them, and how many.
@CompoundIndex(name = "awaiting_window", def = "{'awaitsWindow': 1, 'batchId': 1, '_id': 1}", sparse = true)
public record MailRecord(
        @Id String id,
        String accountId,
        MailStatus status,
        int attempts,
        String lastError,
        Instant acceptedAt,
        Instant sentAt,
        @Indexed boolean pendingPublish,
        Instant publishAt,
        @Indexed String batchId,
        String outbox,
        String correlationId,
        @Indexed String client,
        Bounce bounce,
        Boolean awaitsWindow) {

    /** A record of a message that its batch's window does not hold back. */
    public MailRecord(
            String id,
            String accountId,
            MailStatus status,
            int attempts,
            String lastError,
            Instant acceptedAt,
            Instant sentAt,
            boolean pendingPublish,
            Instant publishAt,
            String batchId,
            String outbox,
            String correlationId,
            String client,
            Bounce bounce) {
        this(
                id,
                accountId,
                status,
                attempts,
                lastError,
                acceptedAt,
                sentAt,
                pendingPublish,
                publishAt,
                batchId,
                outbox,
                correlationId,
                client,
                bounce,
                null);
    }

    /** A record before any report of a bounce. */
    public MailRecord(
            String id,
            String accountId,
            MailStatus status,
            int attempts,
            String lastError,
            Instant acceptedAt,
            Instant sentAt,
            boolean pendingPublish,
            Instant publishAt,
            String batchId,
            String outbox,
            String correlationId,
            String client) {
        this(
                id,
                accountId,
                status,
                attempts,
                lastError,
                acceptedAt,
                sentAt,
                pendingPublish,
                publishAt,
                batchId,
                outbox,
                correlationId,
                client,
                (Bounce) null);
    }

    /**
     * Why a sent message came back: the recipient it could not reach, the enhanced status code, the remote server's
     * answer, and whether that was permanent (hard) or not (soft).
     */
    public record Bounce(
            String recipient, String statusCode, String diagnostic, boolean permanent, Instant bouncedAt) {}

    /**
     * A new record waiting to be published: at {@code sendAt} when that is in the future, otherwise at
     * once (and by the sweeper after {@code grace} should that fail silently).
     */
    public static MailRecord unpublished(
            SendMailCommand command,
            Instant sendAt,
            Duration grace,
            String outbox,
            String correlationId,
            String client) {
        boolean scheduled = sendAt != null && sendAt.isAfter(command.submittedAt());
        return new MailRecord(
                command.commandId().toString(),
                command.accountId(),
                scheduled ? MailStatus.SCHEDULED : MailStatus.ACCEPTED,
                0,
                null,
                command.submittedAt(),
                null,
                true,
                scheduled ? sendAt : command.submittedAt().plus(grace),
                command.batchId() == null ? null : command.batchId().toString(),
                outbox,
                correlationId,
                client);
    }

    /**
     * A batch item that is not sent because a recipient is on the client's suppression list: final at once, never
     * pending publication, and without its command (nothing will publish it).
     *
     * @param reason why, {@code SUPPRESSED: …} naming the suppressed recipients
     */
    public static MailRecord suppressed(SendMailCommand command, String reason, String correlationId, String client) {
        return new MailRecord(
                command.commandId().toString(),
                command.accountId(),
                MailStatus.SUPPRESSED,
                0,
                reason,
                command.submittedAt(),
                null,
                false,
                null,
                command.batchId() == null ? null : command.batchId().toString(),
                null,
                correlationId,
                client);
    }

    /**
     * The same record written as published, for a batch that publishes it right after: while the batch is SUBMITTING
     * nothing else publishes its records, and should its submission fail the batch is withdrawn with them.
     */
    public MailRecord publishedWithItsBatch() {
        return withPublication(false, publishAt, awaitsWindow);
    }

    /** The same record held back by its batch's window: not the sweeper's until a refill takes it in. */
    public MailRecord beyondWindow() {
        return withPublication(pendingPublish, null, true);
    }

    private MailRecord withPublication(boolean pending, Instant at, Boolean awaiting) {
        return new MailRecord(
                id,
                accountId,
                status,
                attempts,
                lastError,
                acceptedAt,
                sentAt,
                pending,
                at,
                batchId,
                outbox,
                correlationId,
                client,
                bounce,
                awaiting);
    }

    public boolean isAwaitingWindow() {
        return Boolean.TRUE.equals(awaitsWindow);
    }

    boolean isScheduled() {
        return status == MailStatus.SCHEDULED;
    }
}
