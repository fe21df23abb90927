package io.graphmail.gateway.webhooks;

import io.graphmail.gateway.paging.Page;
import io.graphmail.gateway.security.ApiClient;
import io.graphmail.gateway.webhooks.delivery.DeliveryCursor;
import io.graphmail.gateway.webhooks.delivery.EmittingEvents;
import io.graphmail.gateway.webhooks.delivery.WebhookDeliveries;
import io.graphmail.gateway.webhooks.delivery.WebhookDelivery;
import io.graphmail.gateway.webhooks.endpoints.Webhook;
import io.graphmail.gateway.webhooks.endpoints.Webhooks;
import java.time.Clock;
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

    Page<WebhookView> endpoints(ApiClient client, String after, int limit) {
        return Page.read(limit, count -> webhooks.ofClient(client.id(), after, count), Webhook::id)
                .map(webhook -> WebhookView.of(webhook, null));
    }

    Page<DeliveryView> deliveries(Webhook webhook, String after, int limit) {
        DeliveryCursor cursor;
        try {
            cursor = after == null ? null : DeliveryCursor.decode(after);
        } catch (IllegalArgumentException e) {
            throw WebhookProblems.validation("after", "not a cursor from this API");
        }
        return Page.read(
                        limit,
                        count -> deliveries.page(webhook.id(), cursor, count),
                        last -> new DeliveryCursor(last.createdAt(), last.id()).encode())
                .map(DeliveryView::of);
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
