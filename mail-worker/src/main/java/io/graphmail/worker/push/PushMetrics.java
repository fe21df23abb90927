package io.graphmail.worker.push;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code graphmail_push_subscriptions{state}} (as of the last check), {@code graphmail_push_subscription_changes_total
 * {action, result}} and {@code graphmail_push_notification_latency_seconds}: from a notification's arrival at the
 * gateway until the round it caused has stored the change.
 */
@Component
class PushMetrics {

    private final MeterRegistry registry;
    private final MultiGauge byState;
    private final Timer latency;

    PushMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.byState = MultiGauge.builder("graphmail.push.subscriptions")
                .description("Folder subscriptions by state, as of the last check")
                .register(registry);
        this.latency = Timer.builder("graphmail.push.notification.latency")
                .description("From a notification's arrival until its folder's round stored the change")
                .publishPercentileHistogram()
                .register(registry);
    }

    void created(String result) {
        registry.counter("graphmail.push.subscription.changes", "action", "create", "result", result)
                .increment();
    }

    void renewed(String result) {
        registry.counter("graphmail.push.subscription.changes", "action", "renew", "result", result)
                .increment();
    }

    void round(String result) {
        registry.counter("graphmail.push.rounds", "result", result).increment();
    }

    void stored(Duration sinceNotified) {
        latency.record(sinceNotified);
    }

    void states(List<FolderSubscription> subscriptions) {
        Map<FolderSubscription.State, Long> counts = new EnumMap<>(FolderSubscription.State.class);
        for (FolderSubscription.State state : FolderSubscription.State.values()) {
            counts.put(state, 0L);
        }
        subscriptions.forEach(subscription -> counts.merge(subscription.state(), 1L, Long::sum));
        byState.register(
                counts.entrySet().stream()
                        .map(entry -> MultiGauge.Row.of(
                                Tags.of("state", entry.getKey().name().toLowerCase(Locale.ROOT)), entry.getValue()))
                        .toList(),
                true);
    }
}
