package io.graphmail.gateway.send;

import io.graphmail.gateway.mail.MailRecord;
import io.graphmail.gateway.mail.MailRecords;
import io.graphmail.gateway.mail.MailView;
import io.graphmail.gateway.mail.Outbox;
import io.graphmail.gateway.security.ApiClient;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Sends failed or dead-lettered messages once more, on an operator's word. The resubmitted command
 * keeps the message id and counts up its resubmission, which workers deduplicate on separately; it goes out through
 * the {@link Outbox}, whose sweeper publishes it should the broker not confirm it at once.
 */
@Service
public class ResendingMail {

    private final MailRecords records;
    private final Outbox outbox;

    ResendingMail(MailRecords records, Outbox outbox) {
        this.records = records;
        this.outbox = outbox;
    }

    /**
     * @throws MailNotFound if there is no such message
     * @throws MailNotRetryable if it is neither FAILED nor DEAD_LETTERED
     */
    public MailView retry(UUID id, ApiClient client) {
        MailRecord record = records.findFor(id, client).orElseThrow(() -> new MailNotFound(id));
        if (!outbox.resend(record)) {
            throw new MailNotRetryable(id, record.status());
        }
        return records.find(id).map(MailView::of).orElseThrow();
    }

    /** Resends dead-lettered messages, optionally of one account or with a reason starting so. */
    public List<UUID> replayDeadLetters(String accountId, String reasonPrefix, int limit, ApiClient client) {
        return outbox.resendAll(
                records.deadLettered(accountId, reasonPrefix, limit, client.isAdmin() ? null : client.id()));
    }
}
