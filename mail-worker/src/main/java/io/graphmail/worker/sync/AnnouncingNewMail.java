package io.graphmail.worker.sync;

import io.graphmail.contract.sync.MailReceived;
import io.graphmail.worker.accounts.AccountSettings;
import io.graphmail.worker.graph.MailboxReader.ChangedMessage;
import io.graphmail.worker.messaging.ReceivedMailEvents;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Tells the gateway of a page's new mail as one {@link MailReceived} (a 10,000-message round is a hundred events,
 * not ten thousand), confirmed by the broker before the page is written. Ids, addresses, subject and time only.
 */
@Component
class AnnouncingNewMail implements SyncingFolder.NewMail {

    private final ReceivedMailEvents events;
    private final MeterRegistry meters;

    AnnouncingNewMail(ReceivedMailEvents events, MeterRegistry meters) {
        this.events = events;
        this.meters = meters;
    }

    @Override
    public void arrived(AccountSettings account, String folder, Map<String, ChangedMessage> messages, Instant now) {
        var received = messages.entrySet().stream()
                .map(entry -> received(entry.getKey(), entry.getValue()))
                .toList();
        String key = account.id() + "\n" + folder + "\n" + String.join("\n", messages.keySet());
        events.received(new MailReceived(
                UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)), account.id(), folder, received, now));
        meters.counter("graphmail.sync.messages.announced", "folder", folder).increment(received.size());
    }

    /** From the stored fields, whose addresses are lower-cased already. */
    private static MailReceived.ReceivedMessage received(String id, ChangedMessage message) {
        var fields = message.fields();
        var from = fields.get("from", Document.class);
        var received = fields.getDate("receivedDateTime");
        return new MailReceived.ReceivedMessage(
                id,
                message.id(),
                fields.getString("internetMessageId"),
                from == null ? null : from.getString("address"),
                fields.getString("subject"),
                received == null ? null : received.toInstant());
    }
}
