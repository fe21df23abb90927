package io.graphmail.gateway.webhooks.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code graphmail_webhooks_attempts_total{event, result}} (result: delivered, retry, failed, gone),
 * {@code graphmail_webhooks_delivery_seconds{event}} from the event to its delivery, and
 * {@code graphmail_webhooks_endpoints_disabled_total{reason}} (GONE, FAILING), and
 * {@code graphmail_webhooks_deferred_total}: deliveries sent back to wait because their endpoint had its share in
 * progress.
 */
@Component
class WebhookMetrics {

    private final MeterRegistry registry;
    private final Counter deferred;

    WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.deferred = Counter.builder("graphmail.webhooks.deferred")
                .description("Webhook deliveries sent back to wait because their endpoint had its share in progress")
                .register(registry);
        // At zero from the start: increase() cannot see a counter's first value, so an alert on the first endpoint
        // ever disabled in a gateway would otherwise stay silent.
        for (String reason : List.of("GONE", "FAILING")) {
            disabledCounter(reason);
        }
    }

    void attempt(String event, String result) {
        Counter.builder("graphmail.webhooks.attempts")
                .description("Webhook delivery attempts by event type and result")
                .tag("event", event)
                .tag("result", result)
                .register(registry)
                .increment();
    }

    void delivered(String event, Duration sinceEvent) {
        Timer.builder("graphmail.webhooks.delivery")
                .description("From the event to its delivery acknowledged by the endpoint")
                .tag("event", event)
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofHours(1))
                .register(registry)
                .record(sinceEvent);
    }

    void deferred() {
        deferred.increment();
    }

    void disabled(String reason) {
        disabledCounter(reason).increment();
    }

    private Counter disabledCounter(String reason) {
        return Counter.builder("graphmail.webhooks.endpoints.disabled")
                .description("Endpoints graphmail disabled")
                .tag("reason", reason)
                .register(registry);
    }
}
