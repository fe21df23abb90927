package io.graphmail.gateway.notifications;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Takes notification POSTs off the request thread: Graph throttles and then drops endpoints that answer slowly, so the
 * endpoint answers at once and verification runs on a few threads of its own behind a bounded queue. Also the
 * endpoint's rate limit, per gateway.
 */
@Component
class AcceptingNotifications {

    private static final Logger log = LoggerFactory.getLogger(AcceptingNotifications.class);

    private final VerifyingNotifications verifying;
    private final MeterRegistry meterRegistry;
    private final Clock clock;
    private final Bucket rate;
    // Not a bean: an Executor bean would take the place of Boot's application task executor.
    private final ThreadPoolExecutor verifiers;

    AcceptingNotifications(
            VerifyingNotifications verifying,
            NotificationProperties properties,
            MeterRegistry meterRegistry,
            Clock clock) {
        this.verifying = verifying;
        this.meterRegistry = meterRegistry;
        this.clock = clock;
        this.rate = Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(2L * properties.requestsPerSecond())
                        .refillGreedy(properties.requestsPerSecond(), Duration.ofSeconds(1))
                        .build())
                .build();
        this.verifiers = new ThreadPoolExecutor(
                properties.verifiers(),
                properties.verifiers(),
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(properties.queueCapacity()),
                runnable -> {
                    var thread = new Thread(runnable, "notification-verifier");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Whether this gateway takes one more notification POST now. */
    boolean withinRate() {
        if (rate.tryConsume(1)) {
            return true;
        }
        meterRegistry
                .counter("graphmail.notifications.dropped", "reason", "rate")
                .increment();
        return false;
    }

    void accept(byte[] body) {
        var receivedAt = clock.instant();
        try {
            verifiers.execute(() -> {
                try {
                    verifying.handle(body, receivedAt);
                } catch (RuntimeException e) {
                    log.warn("Notification POST not handled: {}", e.getClass().getSimpleName());
                }
            });
        } catch (RejectedExecutionException full) {
            meterRegistry
                    .counter("graphmail.notifications.dropped", "reason", "queue")
                    .increment();
        }
    }

    @PreDestroy
    void stop() {
        verifiers.shutdown();
    }
}
