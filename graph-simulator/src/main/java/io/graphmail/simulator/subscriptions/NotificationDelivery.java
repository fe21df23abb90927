package io.graphmail.simulator.subscriptions;

import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * POSTs notifications to endpoints off the request that caused them: changes to one subscription that come within the
 * batch window go out together in one {@code value} array, as Graph batches them. Each POST's outcome enters the
 * {@link DeliveryLog}; nothing is retried.
 */
@Component
class NotificationDelivery {

    private static final Logger log = LoggerFactory.getLogger(NotificationDelivery.class);

    private record Pending(String url, List<ObjectNode> notifications) {}

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final HttpClient client;
    private final ScheduledExecutorService batches;
    private final SubscriptionProperties properties;
    private final DeliveryLog deliveries;
    private final Subscriptions subscriptions;
    private final JsonMapper json;

    NotificationDelivery(
            HttpClient notificationClient,
            SubscriptionProperties properties,
            DeliveryLog deliveries,
            Subscriptions subscriptions,
            JsonMapper json) {
        this.client = notificationClient;
        // Not a bean: an Executor bean would take the place of Boot's application task executor.
        this.batches = Executors.newSingleThreadScheduledExecutor(runnable -> {
            var thread = new Thread(runnable, "graph-simulator-notifications");
            thread.setDaemon(true);
            return thread;
        });
        this.properties = properties;
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.json = json;
    }

    /** Queues a change notification for the subscription's endpoint; returns at once. */
    void enqueue(Subscription subscription, ObjectNode notification) {
        boolean[] first = {false};
        pending.compute(subscription.id(), (id, batch) -> {
            if (batch == null) {
                first[0] = true;
                batch = new Pending(subscription.notificationUrl(), new ArrayList<>());
            }
            batch.notifications().add(notification);
            return batch;
        });
        if (first[0]) {
            batches.schedule(
                    () -> flush(subscription.id()), properties.batchWindow().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Sends one notification at once, such as a lifecycle notification. */
    void sendNow(String subscriptionId, String url, ObjectNode notification) {
        post(subscriptionId, url, List.of(notification));
    }

    void clear() {
        pending.clear();
    }

    @PreDestroy
    void stop() {
        batches.shutdownNow();
    }

    private void flush(String subscriptionId) {
        Pending batch = pending.remove(subscriptionId);
        // A subscription deleted or expired while its batch gathered gets nothing more.
        if (batch != null && subscriptions.find(subscriptionId).isPresent()) {
            post(subscriptionId, batch.url(), batch.notifications());
        }
    }

    private void post(String subscriptionId, String url, List<ObjectNode> notifications) {
        ObjectNode body = json.createObjectNode();
        body.putArray("value").addAll(notifications);
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(properties.deliveryTimeout())
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                    .build();
        } catch (IllegalArgumentException e) {
            deliveries.unanswered(subscriptionId, notifications.size(), "invalid URL");
            return;
        }
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (error != null) {
                log.info("Notification for subscription {} got no answer: {}", subscriptionId, error.toString());
                deliveries.unanswered(
                        subscriptionId, notifications.size(), error.getClass().getSimpleName());
            } else {
                deliveries.answered(subscriptionId, notifications.size(), response.statusCode());
            }
        });
    }
}
