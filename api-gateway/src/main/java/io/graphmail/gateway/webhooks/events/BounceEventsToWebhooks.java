package io.graphmail.gateway.webhooks.events;

import io.graphmail.gateway.mail.MailBounceRecorded;
import io.graphmail.gateway.mail.MailRecord;
import io.graphmail.gateway.mail.MailRecords;
import io.graphmail.gateway.mail.MailStatus;
import io.graphmail.gateway.webhooks.delivery.EmittingEvents;
import io.graphmail.gateway.webhooks.delivery.WebhookEvent;
import io.graphmail.gateway.webhooks.endpoints.Webhook;
import java.time.Clock;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * {@code mail.bounced} for the message's client, once per recipient that bounced, and only when the record holds the
 * bounce (a message that was never SENT does not bounce). The event's id derives from the message and the recipient,
 * so a redelivered report is the same event.
 */
@Component
class BounceEventsToWebhooks {

    private final MailRecords records;
    private final EmittingEvents emitting;
    private final Clock clock;

    BounceEventsToWebhooks(MailRecords records, EmittingEvents emitting, Clock clock) {
        this.records = records;
        this.emitting = emitting;
        this.clock = clock;
    }

    @EventListener
    void on(MailBounceRecorded recorded) {
        MailRecord record = records.find(recorded.id()).orElse(null);
        if (record == null || record.status() != MailStatus.BOUNCED || record.client() == null) {
            return;
        }
        List<Webhook> audience = emitting.audience(record.client(), null);
        if (audience.stream().noneMatch(webhook -> webhook.wants(WebhookEvents.MAIL_BOUNCED))) {
            return;
        }
        MailRecord.Bounce bounce = recorded.bounce();
        var data = MailEventsToWebhooks.about(record);
        data.put("recipient", bounce.recipient());
        data.put("kind", bounce.permanent() ? "hard" : "soft");
        data.put("statusCode", bounce.statusCode());
        data.put("diagnostic", bounce.diagnostic());
        var at = bounce.bouncedAt() == null ? clock.instant() : bounce.bouncedAt();
        String key = record.id() + ":" + (bounce.recipient() == null ? "" : bounce.recipient());
        emitting.emit(WebhookEvent.of(WebhookEvents.MAIL_BOUNCED, key, at, data), audience);
    }
}
