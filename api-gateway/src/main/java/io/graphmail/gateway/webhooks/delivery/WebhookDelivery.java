package io.graphmail.gateway.webhooks.delivery;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One event for one endpoint, and how sending it went. Written by the gateway only; removed by a TTL index on
 * {@code createdAt} after the configured retention.
 *
 * @param eventId the event's id, sent as {@code webhook-id} on every attempt (and on a replay)
 * @param payload the JSON body sent, exactly as signed
 * @param nextAttemptAt when the next attempt is due; {@code null} once final
 */
@Document("webhook_deliveries")
public record WebhookDelivery(
        @Id String id,
        String webhookId,
        String client,
        String eventId,
        String eventType,
        Instant eventAt,
        String payload,
        Status status,
        int attempts,
        Integer lastStatusCode,
        String lastError,
        Instant lastAttemptAt,
        Instant nextAttemptAt,
        Instant createdAt) {

    public enum Status {
        PENDING,
        DELIVERED,
        FAILED
    }

    static WebhookDelivery pending(String id, String webhookId, String client, WebhookEvent event, Instant now) {
        return new WebhookDelivery(
                id,
                webhookId,
                client,
                event.id(),
                event.type(),
                event.timestamp(),
                event.payload(),
                Status.PENDING,
                0,
                null,
                null,
                null,
                now,
                now);
    }
}
