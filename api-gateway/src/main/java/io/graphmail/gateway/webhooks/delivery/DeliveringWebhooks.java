package io.graphmail.gateway.webhooks.delivery;

import static io.graphmail.contract.MailTopology.WEBHOOK_DELIVERIES_QUEUE;
import static io.graphmail.contract.MailTopology.WEBHOOK_DELIVERIES_RETRY_QUEUE;

import io.graphmail.gateway.webhooks.endpoints.Webhooks;
import io.graphmail.platform.messaging.ConfirmedPublisher;
import io.graphmail.platform.messaging.RetryTier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;

/**
 * Takes deliveries off the queue and sends them. A delivery for an endpoint that already has its share of deliveries
 * in progress here goes back to wait in a delay queue before anything is read for it, for about as long as that
 * endpoint's backlog will take; one not due yet waits until it is. So a slow endpoint holds at most its share of
 * consumers and never the others' deliveries (no head-of-line blocking), and its waiting deliveries pass through the
 * queue seldom rather than every 250 ms.
 */
@Component
class DeliveringWebhooks {

    /** The endpoint a delivery is for, so that a busy one is known before any MongoDB read. */
    static final String WEBHOOK_HEADER = "x-graphmail-webhook";

    /** Set on a delivery sent back because its endpoint was busy: it counts in that endpoint's backlog meanwhile. */
    static final String BUSY_HEADER = "x-graphmail-busy";

    private final WebhookDeliveries deliveries;
    private final Webhooks webhooks;
    private final SendingDelivery sending;
    private final ConfirmedPublisher publisher;
    private final BusyEndpoints busy;
    private final WebhookMetrics metrics;
    private final Clock clock;

    DeliveringWebhooks(
            WebhookDeliveries deliveries,
            Webhooks webhooks,
            SendingDelivery sending,
            ConfirmedPublisher publisher,
            BusyEndpoints busy,
            WebhookMetrics metrics,
            Clock clock) {
        this.deliveries = deliveries;
        this.webhooks = webhooks;
        this.sending = sending;
        this.publisher = publisher;
        this.busy = busy;
        this.metrics = metrics;
        this.clock = clock;
    }

    @RabbitListener(
            id = "webhook-deliveries",
            queues = WEBHOOK_DELIVERIES_QUEUE,
            containerFactory = WebhookListeners.FACTORY,
            concurrency = "${graphmail.webhooks.concurrency:32}")
    void onDelivery(
            String id,
            @Header(name = WEBHOOK_HEADER, required = false) String webhookId,
            @Header(name = BUSY_HEADER, required = false) Boolean wasBusy) {
        if (webhookId == null) {
            // Queued before deliveries named their endpoint.
            webhookId = deliveries.find(id).map(WebhookDelivery::webhookId).orElse(null);
            if (webhookId == null) {
                return;
            }
        }
        if (Boolean.TRUE.equals(wasBusy)) {
            busy.returned(webhookId);
        }
        BusyEndpoints.Slot slot = busy.tryTake(webhookId);
        if (slot == null) {
            waitForSlot(id, webhookId);
            return;
        }
        try (slot) {
            deliver(id, webhookId, slot);
        }
    }

    private void deliver(String id, String webhookId, BusyEndpoints.Slot slot) {
        var delivery = deliveries.find(id).orElse(null);
        if (delivery == null || delivery.status() != WebhookDelivery.Status.PENDING) {
            return;
        }
        Instant now = clock.instant();
        if (delivery.nextAttemptAt() != null && delivery.nextAttemptAt().isAfter(now)) {
            later(id, webhookId, Duration.between(now, delivery.nextAttemptAt()), false);
            return;
        }
        var webhook = webhooks.find(delivery.webhookId()).orElse(null);
        if (webhook == null || !webhook.enabled()) {
            sending.abandon(delivery, webhook == null ? "ENDPOINT_REMOVED" : "ENDPOINT_DISABLED");
            return;
        }
        long started = System.nanoTime();
        var retryAfter = sending.send(delivery, webhook);
        slot.called(Duration.ofNanos(System.nanoTime() - started));
        retryAfter.ifPresent(wait -> later(id, webhookId, wait, false));
    }

    private void waitForSlot(String id, String webhookId) {
        Duration wait = busy.deferred(webhookId);
        try {
            later(id, webhookId, wait, true);
        } catch (RuntimeException e) {
            busy.returned(webhookId);
            throw e;
        }
        metrics.deferred();
    }

    private void later(String deliveryId, String webhookId, Duration wait, boolean endpointBusy) {
        String queue = RetryTier.forDelay(wait).queue(WEBHOOK_DELIVERIES_RETRY_QUEUE);
        Map<String, Object> headers = new HashMap<>();
        headers.put(WEBHOOK_HEADER, webhookId);
        if (endpointBusy) {
            headers.put(BUSY_HEADER, true);
        }
        publisher.publish("", queue, deliveryId, EmittingEvents.messageId(deliveryId), headers);
    }
}
