package io.graphmail.simulator.subscriptions;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/** The lifetime and validation limits in force: the configured ones until the control API changes them. */
@Component
class SubscriptionLimits {

    /** The limits as the control API shows and takes them; a null field keeps the current value. */
    record Limits(Duration maxLifetime, Duration validationTimeout) {}

    private final Limits configured;
    private final AtomicReference<Limits> current;

    SubscriptionLimits(SubscriptionProperties properties) {
        this.configured = new Limits(properties.maxLifetime(), properties.validationTimeout());
        this.current = new AtomicReference<>(configured);
    }

    Limits limits() {
        return current.get();
    }

    Limits set(Limits changes) {
        return current.updateAndGet(limits -> new Limits(
                changes.maxLifetime() == null ? limits.maxLifetime() : changes.maxLifetime(),
                changes.validationTimeout() == null ? limits.validationTimeout() : changes.validationTimeout()));
    }

    Limits reset() {
        current.set(configured);
        return configured;
    }
}
