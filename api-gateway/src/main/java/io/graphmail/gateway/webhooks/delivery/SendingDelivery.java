package io.graphmail.gateway.webhooks.delivery;

import io.graphmail.gateway.webhooks.endpoints.SecretBox;
import io.graphmail.gateway.webhooks.endpoints.Webhook;
import io.graphmail.gateway.webhooks.endpoints.WebhookProperties;
import io.graphmail.gateway.webhooks.endpoints.Webhooks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** One attempt at one delivery, and what follows from it for the delivery and its endpoint. */
@Component
class SendingDelivery {

    private static final Logger log = LoggerFactory.getLogger(SendingDelivery.class);

    private final CallingEndpoints endpoints;
    private final WebhookDeliveries deliveries;
    private final Webhooks webhooks;
    private final SecretBox secrets;
    private final WebhookMetrics metrics;
    private final WebhookProperties properties;
    private final Clock clock;

    SendingDelivery(
            CallingEndpoints endpoints,
            WebhookDeliveries deliveries,
            Webhooks webhooks,
            SecretBox secrets,
            WebhookMetrics metrics,
            WebhookProperties properties,
            Clock clock) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.webhooks = webhooks;
        this.secrets = secrets;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Makes one attempt at a delivery read pending just before, and records its outcome in one write to the delivery
     * (and, only when the endpoint's health changes, one to the endpoint).
     *
     * @return how long to wait before the next attempt; empty once the delivery is final
     */
    Optional<Duration> send(WebhookDelivery delivery, Webhook webhook) {
        List<String> signing = webhook.signingAt(clock.instant()).stream()
                .map(secret -> secrets.open(webhook.id(), secret.sealed()))
                .toList();
        Attempt attempt = endpoints.post(webhook.url(), delivery.eventId(), signing, delivery.payload());
        Instant now = clock.instant();
        if (attempt instanceof Attempt.Delivered delivered) {
            deliveries.finish(delivery.id(), WebhookDelivery.Status.DELIVERED, delivered.statusCode(), null, now, 1);
            if (webhook.failingSince() != null) {
                webhooks.healthy(webhook.id());
            }
            metrics.attempt(delivery.eventType(), "delivered");
            metrics.delivered(delivery.eventType(), Duration.between(delivery.eventAt(), now));
            return Optional.empty();
        }
        if (attempt instanceof Attempt.Failed failed) {
            return retryOrGiveUp(delivery, webhook, failed, now);
        }
        deliveries.finish(delivery.id(), WebhookDelivery.Status.FAILED, 410, "HTTP 410", now, 1);
        metrics.attempt(delivery.eventType(), "gone");
        disable(webhook, "GONE");
        return Optional.empty();
    }

    /** The delivery cannot be made any more (endpoint removed or disabled). */
    void abandon(WebhookDelivery delivery, String reason) {
        deliveries.finish(delivery.id(), WebhookDelivery.Status.FAILED, null, reason, clock.instant(), 0);
        metrics.attempt(delivery.eventType(), "abandoned");
    }

    private Optional<Duration> retryOrGiveUp(
            WebhookDelivery delivery, Webhook webhook, Attempt.Failed failed, Instant now) {
        // Written only when the endpoint read healthy; the stored time wins over now, should another delivery have
        // failed in the meantime.
        Instant failingSince =
                webhook.failingSince() != null ? webhook.failingSince() : webhooks.failing(webhook.id(), now);
        if (Duration.between(failingSince, now).compareTo(properties.disableAfter()) >= 0) {
            disable(webhook, "FAILING");
        }
        if (Duration.between(delivery.createdAt(), now).compareTo(properties.giveUpAfter()) >= 0) {
            deliveries.finish(
                    delivery.id(), WebhookDelivery.Status.FAILED, failed.statusCode(), failed.error(), now, 1);
            metrics.attempt(delivery.eventType(), "failed");
            return Optional.empty();
        }
        Duration wait = Backoff.after(delivery.attempts() + 1, properties.initialBackoff(), properties.maxBackoff());
        deliveries.attempted(delivery.id(), failed.statusCode(), failed.error(), now, now.plus(wait));
        metrics.attempt(delivery.eventType(), "retry");
        return Optional.of(wait);
    }

    private void disable(Webhook webhook, String reason) {
        if (webhooks.disable(webhook.id(), reason)) {
            log.warn("Webhook {} of client {} disabled: {}", webhook.id(), webhook.client(), reason);
            metrics.disabled(reason);
        }
    }
}
