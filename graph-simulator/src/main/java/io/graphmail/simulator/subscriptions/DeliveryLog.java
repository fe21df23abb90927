package io.graphmail.simulator.subscriptions;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** How the POSTs to each subscription's endpoints went, kept after the subscription ends, for tests to read. */
@Component
class DeliveryLog {

    /**
     * @param posts notification POSTs made (change and lifecycle)
     * @param notifications notifications carried by them (a POST may carry several)
     * @param failures POSTs not answered 2xx in time
     * @param lastStatus the status of the last POST answered; null when none was
     * @param lastError why the last failed POST failed, when it got no answer
     */
    record Deliveries(int posts, int notifications, int failures, Integer lastStatus, String lastError) {

        static final Deliveries NONE = new Deliveries(0, 0, 0, null, null);

        Deliveries answered(int count, int status) {
            boolean ok = status >= 200 && status < 300;
            return new Deliveries(posts + 1, notifications + count, failures + (ok ? 0 : 1), status, null);
        }

        Deliveries unanswered(int count, String error) {
            return new Deliveries(posts + 1, notifications + count, failures + 1, lastStatus, error);
        }
    }

    private final Map<String, Deliveries> bySubscription = new ConcurrentHashMap<>();

    void answered(String subscriptionId, int count, int status) {
        bySubscription.merge(
                subscriptionId, Deliveries.NONE.answered(count, status), (old, ignored) -> old.answered(count, status));
    }

    void unanswered(String subscriptionId, int count, String error) {
        bySubscription.merge(
                subscriptionId,
                Deliveries.NONE.unanswered(count, error),
                (old, ignored) -> old.unanswered(count, error));
    }

    Deliveries of(String subscriptionId) {
        return bySubscription.getOrDefault(subscriptionId, Deliveries.NONE);
    }

    void clear() {
        bySubscription.clear();
    }
}
