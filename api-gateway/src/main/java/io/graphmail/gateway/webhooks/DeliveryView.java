package io.graphmail.gateway.webhooks;

import io.graphmail.gateway.webhooks.delivery.WebhookDelivery;
import java.time.Instant;

/** A delivery as its client sees it (the payload too: it holds ids and statuses, never mail bodies). */
record DeliveryView(
        String id,
        String eventId,
        String eventType,
        WebhookDelivery.Status status,
        int attempts,
        Integer lastStatusCode,
        String lastError,
        Instant lastAttemptAt,
        Instant nextAttemptAt,
        Instant createdAt,
        String payload) {

    static DeliveryView of(WebhookDelivery d) {
        return new DeliveryView(
                d.id(),
                d.eventId(),
                d.eventType(),
                d.status(),
                d.attempts(),
                d.lastStatusCode(),
                d.lastError(),
                d.lastAttemptAt(),
                d.nextAttemptAt(),
                d.createdAt(),
                d.payload());
    }
}
