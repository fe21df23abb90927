package io.graphmail.gateway.webhooks;

import static io.graphmail.contract.MailTopology.WEBHOOK_DELIVERIES_QUEUE;
import static io.graphmail.contract.MailTopology.WEBHOOK_DELIVERIES_RETRY_QUEUE;

import io.graphmail.platform.messaging.ConfirmedPublisher;
import io.graphmail.platform.messaging.RetryTier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * Takes deliveries off the queue and sends them. A delivery not due yet, or for an endpoint that already has its
 * share of deliveries in progress here, goes back to wait in a delay queue, so that a slow endpoint holds at most
 * its share of consumers and never the others' deliveries (no head-of-line blocking).
 */
@Component
class DeliveringWebhooks {

    /** How long a delivery waits when its endpoint is busy. */
    private static final Duration BUSY_WAIT = Duration.ofMillis(250);

    private final WebhookDeliveries deliveries;
    private final Webhooks webhooks;
    private final SendingDelivery sending;
    private final ConfirmedPublisher publisher;
    private final WebhookProperties properties;
    private final Clock clock;
    private final Map<String, Semaphore> inProgress = new ConcurrentHashMap<>();

    DeliveringWebhooks(
            WebhookDeliveries deliveries,
            Webhooks webhooks,
            SendingDelivery sending,
            ConfirmedPublisher publisher,
            WebhookProperties properties,
            Clock clock) {
        this.deliveries = deliveries;
        this.webhooks = webhooks;
        this.sending = sending;
        this.publisher = publisher;
        this.properties = properties;
        this.clock = clock;
    }

    @RabbitListener(
            id = "webhook-deliveries",
            queues = WEBHOOK_DELIVERIES_QUEUE,
            containerFactory = WebhookListeners.FACTORY,
            concurrency = "${graphmail.webhooks.concurrency:16}")
    void onDelivery(String id) {
        var delivery = deliveries.find(id).orElse(null);
        if (delivery == null || delivery.status() != WebhookDelivery.Status.PENDING) {
            return;
        }
        Instant now = clock.instant();
        if (delivery.nextAttemptAt() != null && delivery.nextAttemptAt().isAfter(now)) {
            later(id, Duration.between(now, delivery.nextAttemptAt()));
            return;
        }
        var webhook = webhooks.find(delivery.webhookId()).orElse(null);
        if (webhook == null || !webhook.enabled()) {
            sending.abandon(delivery, webhook == null ? "ENDPOINT_REMOVED" : "ENDPOINT_DISABLED");
            return;
        }
        Semaphore permits = inProgress.computeIfAbsent(webhook.id(), key -> new Semaphore(properties.perEndpoint()));
        if (!permits.tryAcquire()) {
            later(id, BUSY_WAIT);
            return;
        }
        try {
            sending.send(delivery, webhook).ifPresent(wait -> later(id, wait));
        } finally {
            permits.release();
        }
    }

    private void later(String deliveryId, Duration wait) {
        String queue = RetryTier.forDelay(wait).queue(WEBHOOK_DELIVERIES_RETRY_QUEUE);
        publisher.publish("", queue, deliveryId, EmittingEvents.messageId(deliveryId));
    }
}
