package io.graphmail.gateway.webhooks;

import io.graphmail.gateway.security.ApiClient;
import io.graphmail.gateway.webhooks.delivery.DeliveryCursor;
import io.graphmail.gateway.webhooks.delivery.EmittingEvents;
import io.graphmail.gateway.webhooks.delivery.WebhookDeliveries;
import io.graphmail.gateway.webhooks.delivery.WebhookDelivery;
import io.graphmail.gateway.webhooks.endpoints.Webhook;
import io.graphmail.gateway.webhooks.endpoints.Webhooks;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Lists endpoints and their deliveries, and replays a delivery. */
@Component
class ReadingDeliveries {

    private final Webhooks webhooks;
    private final WebhookDeliveries deliveries;
    private final EmittingEvents emitting;
    private final Clock clock;

    ReadingDeliveries(Webhooks webhooks, WebhookDeliveries deliveries, EmittingEvents emitting, Clock clock) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.emitting = emitting;
        this.clock = clock;
    }

    WebhookPage endpoints(ApiClient client, String after, int limit) {
        List<Webhook> found = webhooks.ofClient(client.id(), after, limit + 1);
        List<Webhook> page = found.stream().limit(limit).toList();
        String next = found.size() > limit ? page.get(page.size() - 1).id() : null;
        return new WebhookPage(page.stream().map(w -> WebhookView.of(w, null)).toList(), next);
    }

    DeliveryPage deliveries(Webhook webhook, String after, int limit) {
        DeliveryCursor cursor;
        try {
            cursor = after == null ? null : DeliveryCursor.decode(after);
        } catch (IllegalArgumentException e) {
            throw WebhookProblems.validation("after", "not a cursor from this API");
        }
        List<WebhookDelivery> found = deliveries.page(webhook.id(), cursor, limit + 1);
        List<WebhookDelivery> page = found.stream().limit(limit).toList();
        String next = null;
        if (found.size() > limit) {
            var last = page.get(page.size() - 1);
            next = new DeliveryCursor(last.createdAt(), last.id()).encode();
        }
        return new DeliveryPage(page.stream().map(DeliveryView::of).toList(), next);
    }

    /** A new delivery of the same event (same {@code webhook-id}, same body) to the same endpoint. */
    DeliveryView replay(Webhook webhook, String deliveryId) {
        var original = deliveries
                .find(deliveryId)
                .filter(delivery -> delivery.webhookId().equals(webhook.id()))
                .orElseThrow(() -> WebhookProblems.notFound("delivery", deliveryId));
        var replay = new WebhookDelivery(
                "dlv_" + UUID.randomUUID().toString().replace("-", ""),
                webhook.id(),
                webhook.client(),
                original.eventId(),
                original.eventType(),
                original.eventAt(),
                original.payload(),
                WebhookDelivery.Status.PENDING,
                0,
                null,
                null,
                null,
                clock.instant(),
                clock.instant());
        deliveries.insert(replay);
        emitting.enqueue(replay.id(), replay.webhookId());
        return DeliveryView.of(replay);
    }
}
