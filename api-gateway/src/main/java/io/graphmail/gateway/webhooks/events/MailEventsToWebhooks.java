package io.graphmail.gateway.webhooks.events;

import io.graphmail.gateway.mail.MailFinished;
import io.graphmail.gateway.mail.MailRecord;
import io.graphmail.gateway.mail.MailRecords;
import io.graphmail.gateway.mail.MailStatus;
import io.graphmail.gateway.webhooks.delivery.EmittingEvents;
import io.graphmail.gateway.webhooks.delivery.WebhookEvent;
import io.graphmail.gateway.webhooks.endpoints.Webhook;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * {@code mail.sent}, {@code mail.failed} and {@code mail.dead_lettered} for the message's client. Only a status the record really holds is told
 * (a late dead letter for a message already sent is not).
 */
@Component
class MailEventsToWebhooks {

    private static final Map<MailStatus, String> TYPES = Map.of(
            MailStatus.SENT, WebhookEvents.MAIL_SENT,
            MailStatus.FAILED, WebhookEvents.MAIL_FAILED,
            MailStatus.DEAD_LETTERED, WebhookEvents.MAIL_DEAD_LETTERED);

    private final MailRecords records;
    private final EmittingEvents emitting;

    MailEventsToWebhooks(MailRecords records, EmittingEvents emitting) {
        this.records = records;
        this.emitting = emitting;
    }

    /**
     * Where the update that recorded the result named the message's client, and nobody listens to it, the record is not
     * read: a bulk batch without webhooks costs no read per message.
     */
    @EventListener
    void on(MailFinished finished) {
        String type = TYPES.get(finished.status());
        List<Webhook> audience =
                type == null || finished.client() == null ? null : emitting.audience(finished.client(), null);
        if (type == null || (audience != null && audience.isEmpty())) {
            return;
        }
        MailRecord record = records.find(finished.id()).orElse(null);
        if (record == null || record.status() != finished.status() || record.client() == null) {
            return;
        }
        if (!record.client().equals(finished.client())) {
            audience = emitting.audience(record.client(), null);
        }
        if (audience.isEmpty()) {
            return;
        }
        var data = about(record);
        data.put("attempts", record.attempts());
        if (finished.reason() != null) {
            data.put("reason", finished.reason());
        }
        emitting.emit(WebhookEvent.of(type, record.id(), finished.at(), data), audience);
    }

    /** What every mail event's data begins with: the message, its account, its batch if any, and its status. */
    static LinkedHashMap<String, Object> about(MailRecord record) {
        var data = new LinkedHashMap<String, Object>();
        data.put("mailId", record.id());
        data.put("accountId", record.accountId());
        if (record.batchId() != null) {
            data.put("batchId", record.batchId());
        }
        data.put("status", record.status().name());
        return data;
    }
}
