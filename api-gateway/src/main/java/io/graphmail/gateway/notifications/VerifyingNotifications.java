package io.graphmail.gateway.notifications;

import static io.graphmail.contract.MailTopology.EVENTS_EXCHANGE;
import static io.graphmail.contract.MailTopology.FOLDER_NOTIFIED_ROUTING_KEY;

import io.graphmail.contract.push.FolderChangeNotified;
import io.graphmail.platform.hashing.Sha256;
import io.graphmail.platform.messaging.ConfirmedPublisher;
import io.graphmail.platform.messaging.PublishFailed;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies a notification POST and tells the workers which folders changed.
 *
 * <p>The gateway verifies, reading the workers' subscription documents, rather than forwarding raw notifications for
 * the workers to verify: a forged or stray notification then never reaches the broker, a flood of them costs one
 * indexed read each and no queue space, and what crosses RabbitMQ is a small verified event. Verified: the
 * subscription is known and the notification's client state hashes to the stored hash (compared in constant time).
 * Anything else is counted and ignored; nothing of a notification's content is logged. The notifications of one POST
 * for the same subscription and kind become one event, since one delta round covers them all.
 */
@Service
class VerifyingNotifications {

    private static final Logger log = LoggerFactory.getLogger(VerifyingNotifications.class);

    private final KnownSubscriptions subscriptions;
    private final ConfirmedPublisher publisher;
    private final JsonMapper json;
    private final MeterRegistry meterRegistry;

    VerifyingNotifications(
            KnownSubscriptions subscriptions,
            ConfirmedPublisher publisher,
            JsonMapper json,
            MeterRegistry meterRegistry) {
        this.subscriptions = subscriptions;
        this.publisher = publisher;
        this.json = json;
        this.meterRegistry = meterRegistry;
    }

    void handle(byte[] body, Instant receivedAt) {
        JsonNode value;
        try {
            value = json.readTree(body).path("value");
        } catch (JacksonException | IllegalArgumentException malformed) {
            rejected("malformed");
            return;
        }
        if (!value.isArray()) {
            rejected("malformed");
            return;
        }
        Map<String, FolderChangeNotified> events = new LinkedHashMap<>();
        Map<String, Optional<KnownSubscriptions.Known>> known = new HashMap<>();
        Map<String, Integer> rejections = new TreeMap<>();
        for (JsonNode notification : value) {
            meterRegistry.counter("graphmail.notifications.received").increment();
            verify(notification, receivedAt, known, rejections)
                    .ifPresent(
                            event -> events.putIfAbsent(event.subscriptionId() + "|" + event.lifecycleEvent(), event));
        }
        if (!rejections.isEmpty()) {
            log.info("Notifications rejected, by reason: {}", rejections);
        }
        for (FolderChangeNotified event : events.values()) {
            try {
                publisher.publish(EVENTS_EXCHANGE, FOLDER_NOTIFIED_ROUTING_KEY, event, event.eventId());
            } catch (PublishFailed e) {
                meterRegistry
                        .counter("graphmail.notifications.dropped", "reason", "broker")
                        .increment();
                log.warn(
                        "Broker unavailable; notification for {} / {} waits for the scheduled round",
                        event.accountId(),
                        event.folder());
            }
        }
    }

    /** {@code known}: the subscriptions this POST looked up already; each is read once however often it is named. */
    private Optional<FolderChangeNotified> verify(
            JsonNode notification,
            Instant receivedAt,
            Map<String, Optional<KnownSubscriptions.Known>> known,
            Map<String, Integer> rejections) {
        String subscriptionId = text(notification, "subscriptionId");
        String clientState = text(notification, "clientState");
        if (subscriptionId == null || clientState == null) {
            return rejected("malformed", rejections);
        }
        var subscription = known.computeIfAbsent(subscriptionId, subscriptions::find);
        if (subscription.isEmpty()) {
            return rejected("unknown-subscription", rejections);
        }
        if (!matches(clientState, subscription.get().clientStateHash())) {
            return rejected("client-state", rejections);
        }
        meterRegistry.counter("graphmail.notifications.verified").increment();
        return Optional.of(new FolderChangeNotified(
                UUID.randomUUID(),
                subscription.get().accountId(),
                subscription.get().folder(),
                subscriptionId,
                text(notification, "lifecycleEvent"),
                receivedAt));
    }

    private static boolean matches(String clientState, String storedHash) {
        if (storedHash == null) {
            return false;
        }
        byte[] expected;
        try {
            expected = HexFormat.of().parseHex(storedHash);
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        return MessageDigest.isEqual(Sha256.of(clientState), expected);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.asString() : null;
    }

    private void rejected(String reason) {
        meterRegistry
                .counter("graphmail.notifications.rejected", "reason", reason)
                .increment();
        log.info("Notification POST rejected: {}", reason);
    }

    private Optional<FolderChangeNotified> rejected(String reason, Map<String, Integer> rejections) {
        meterRegistry
                .counter("graphmail.notifications.rejected", "reason", reason)
                .increment();
        rejections.merge(reason, 1, Integer::sum);
        return Optional.empty();
    }
}
