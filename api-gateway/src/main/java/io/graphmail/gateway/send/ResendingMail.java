package io.graphmail.gateway.send;

import io.graphmail.contract.send.SendMailCommand;
import io.graphmail.gateway.mail.MailRecord;
import io.graphmail.gateway.mail.MailRecords;
import io.graphmail.gateway.mail.MailView;
import io.graphmail.gateway.messaging.DeadLetterCopies;
import io.graphmail.gateway.messaging.MailCommands;
import io.graphmail.gateway.security.ApiClient;
import io.graphmail.messaging.PublishFailed;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends failed or dead-lettered messages once more, on an operator's word. The resubmitted command
 * keeps the message id and counts up its resubmission, which workers deduplicate on separately.
 */
@Service
public class ResendingMail {

    private final MailRecords records;
    private final MailCommands commands;
    private final DeadLetterCopies deadLetterCopies;
    private final JsonMapper jsonMapper;

    ResendingMail(
            MailRecords records, MailCommands commands, DeadLetterCopies deadLetterCopies, JsonMapper jsonMapper) {
        this.records = records;
        this.commands = commands;
        this.deadLetterCopies = deadLetterCopies;
        this.jsonMapper = jsonMapper;
    }

    /**
     * @throws MailNotFound if there is no such message
     * @throws MailNotRetryable if it is neither FAILED nor DEAD_LETTERED
     */
    public MailView retry(UUID id, ApiClient client) {
        MailRecord record = records.findFor(id, client).orElseThrow(() -> new MailNotFound(id));
        if (!resend(record)) {
            throw new MailNotRetryable(id, record.status());
        }
        deadLetterCopies.remove(List.of(id));
        return records.find(id).map(MailView::of).orElseThrow();
    }

    /** Resends dead-lettered messages, optionally of one account or with a reason starting so. */
    public List<UUID> replayDeadLetters(String accountId, String reasonPrefix, int limit, ApiClient client) {
        List<UUID> replayed =
                records.deadLettered(accountId, reasonPrefix, limit, client.isAdmin() ? null : client.id()).stream()
                        .filter(this::resend)
                        .map(record -> UUID.fromString(record.id()))
                        .toList();
        deadLetterCopies.remove(replayed);
        return replayed;
    }

    /** Reopens the record, then publishes; if publishing fails the sweeper publishes it later. */
    private boolean resend(MailRecord record) {
        SendMailCommand again =
                jsonMapper.readValue(record.outbox(), SendMailCommand.class).resubmitted();
        if (!records.reopen(again.commandId(), jsonMapper.writeValueAsString(again))) {
            return false;
        }
        try {
            commands.publish(again);
            records.markPublished(again.commandId());
        } catch (PublishFailed e) {
            // Recorded as pending: the sweeper publishes it once the broker is back.
        }
        return true;
    }
}
