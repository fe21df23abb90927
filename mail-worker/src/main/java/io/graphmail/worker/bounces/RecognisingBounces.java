package io.graphmail.worker.bounces;

import io.graphmail.contract.send.MailBounced;
import io.graphmail.worker.accounts.AccountSettings;
import io.graphmail.worker.graph.MailboxReader;
import io.graphmail.worker.graph.MailboxReader.ChangedMessage;
import io.graphmail.worker.messaging.MailEvents;
import io.graphmail.worker.send.deliveries.SentMessages;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Finds non-delivery reports among the messages a sync round wrote to an Inbox and reports each on a message we sent
 * as {@link MailBounced}. A report is recognised by its message class ({@code REPORT.IPM.Note.NDR}, read as the
 * extended property {@code String 0x001A}), never by its subject; the class is asked for only for messages from a
 * system sender, sparing one request per ordinary message.
 */
@Component
public class RecognisingBounces {

    private static final Logger log = LoggerFactory.getLogger(RecognisingBounces.class);
    private static final List<String> SYSTEM_SENDERS = List.of("microsoftexchange", "postmaster", "mailer-daemon");

    private final MailboxReader reader;
    private final SentMessages sent;
    private final MailEvents events;
    private final MeterRegistry meters;

    RecognisingBounces(MailboxReader reader, SentMessages sent, MailEvents events, MeterRegistry meters) {
        this.reader = reader;
        this.sent = sent;
        this.events = events;
        this.meters = meters;
    }

    /** Looks at the messages of one written page of folder {@code folder} (its well-known name). */
    public void inspect(AccountSettings account, String folder, List<ChangedMessage> messages) {
        if (!"inbox".equalsIgnoreCase(folder)) {
            return;
        }
        messages.stream()
                .filter(RecognisingBounces::fromSystemSender)
                .filter(message -> isReport(reader.messageClass(account, message.id())))
                .forEach(message -> report(account, message));
    }

    static boolean isReport(Optional<String> messageClass) {
        return messageClass
                .map(value -> value.toUpperCase(Locale.ROOT))
                .filter(value -> value.startsWith("REPORT.") && value.endsWith(".NDR"))
                .isPresent();
    }

    private static boolean fromSystemSender(ChangedMessage message) {
        var from = message.fields().get("from", Document.class);
        String address = from == null ? null : from.getString("address");
        if (address == null) {
            return false;
        }
        String local = address.toLowerCase(Locale.ROOT);
        for (String system : SYSTEM_SENDERS) {
            if (local.startsWith(system)) {
                return true;
            }
        }
        return false;
    }

    private void report(AccountSettings account, ChangedMessage message) {
        var body = message.fields().get("body", Document.class);
        String text = body == null ? null : body.getString("content");
        var report = NonDeliveryReport.read(text);
        var original = report.flatMap(found -> sent.byInternetMessageId(found.originalMessageId()));
        if (report.isEmpty() || original.isEmpty()) {
            log.info("Non-delivery report {} in account {} is not about a message we sent", message.id(), account.id());
            return;
        }
        var found = report.get();
        String key = original.get().deliveryKey();
        Date received = message.fields().getDate("receivedDateTime");
        UUID commandId = UUID.fromString(key.contains("#") ? key.substring(0, key.indexOf('#')) : key);
        events.bounced(new MailBounced(
                UUID.nameUUIDFromBytes((account.id() + "/" + message.id()).getBytes(StandardCharsets.UTF_8)),
                commandId,
                original.get().accountId(),
                found.recipient(),
                found.statusCode(),
                found.diagnostic(),
                found.permanent(),
                received == null ? null : received.toInstant()));
        meters.counter(
                        "graphmail.bounces.recognised",
                        "kind",
                        found.permanent() ? "hard" : "soft",
                        "account",
                        Objects.requireNonNullElse(original.get().accountId(), "unknown"))
                .increment();
        log.info("Message {} bounced for a recipient with {}", commandId, found.statusCode());
    }
}
