package io.graphmail.gateway.webhooks.delivery;

import io.graphmail.gateway.webhooks.endpoints.WebhookProperties;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * The deliveries in progress to each endpoint in this gateway, at most its share at once, and how long a delivery
 * that finds its endpoint busy waits: about as long as the deliveries already waiting for that endpoint will take at
 * its recent pace. A slow endpoint's backlog so comes back spread out, a little at a time, instead of every delivery
 * of it passing through the queue (before the healthy endpoints' deliveries) every 250 ms.
 */
@Component
class BusyEndpoints {

    static final Duration SHORTEST_WAIT = Duration.ofMillis(250);

    /** The longest a busy endpoint's delivery waits at once; the delay queues' tiers make it 30 s. */
    static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

    /** What a call is taken to last until the endpoint has answered one. */
    static final Duration UNANSWERED_CALL = Duration.ofSeconds(1);

    private final int perEndpoint;
    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();

    BusyEndpoints(WebhookProperties properties) {
        this.perEndpoint = properties.perEndpoint();
    }

    /** One of the endpoint's slots, or null when it has its share of deliveries in progress already. */
    Slot tryTake(String webhookId) {
        Endpoint endpoint = endpoint(webhookId);
        return endpoint.permits.tryAcquire() ? new Slot(endpoint) : null;
    }

    /**
     * Counts one more delivery waiting for the busy endpoint and tells how long it should wait: as many of the
     * endpoint's recent call times as it takes its slots to work through those waiting, between 250 ms and 30 s.
     */
    Duration deferred(String webhookId) {
        Endpoint endpoint = endpoint(webhookId);
        int waiting = endpoint.waiting.incrementAndGet();
        long rounds = (waiting + perEndpoint - 1) / perEndpoint;
        long millis = Math.multiplyExact(rounds, endpoint.callMillis.get());
        return Duration.ofMillis(Math.max(SHORTEST_WAIT.toMillis(), Math.min(LONGEST_WAIT.toMillis(), millis)));
    }

    /** A delivery that waited because its endpoint was busy is back. */
    void returned(String webhookId) {
        endpoint(webhookId).waiting.updateAndGet(waiting -> Math.max(0, waiting - 1));
    }

    int waiting(String webhookId) {
        return endpoint(webhookId).waiting.get();
    }

    private Endpoint endpoint(String webhookId) {
        return endpoints.computeIfAbsent(webhookId, id -> new Endpoint(new Semaphore(perEndpoint)));
    }

    private record Endpoint(Semaphore permits, AtomicInteger waiting, AtomicLong callMillis) {

        Endpoint(Semaphore permits) {
            this(permits, new AtomicInteger(), new AtomicLong(UNANSWERED_CALL.toMillis()));
        }

        /** A moving average, each call weighing a quarter, so a slowdown shows within a few calls. */
        void called(Duration took) {
            callMillis.updateAndGet(average -> (3 * average + took.toMillis()) / 4);
        }
    }

    /** A slot held while a delivery is handled; closing it frees it. */
    static final class Slot implements AutoCloseable {

        private final Endpoint endpoint;

        private Slot(Endpoint endpoint) {
            this.endpoint = endpoint;
        }

        /** How long the endpoint took to answer this time, for the waits of those that find it busy. */
        void called(Duration took) {
            endpoint.called(took);
        }

        @Override
        public void close() {
            endpoint.permits.release();
        }
    }
}
