package io.graphmail.simulator.subscriptions;

import io.graphmail.simulator.web.GraphErrorException;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fires the lifecycle notifications Graph sends to a subscription's {@code lifecycleNotificationUrl}:
 * {@code reauthorizationRequired}, {@code subscriptionRemoved} (the subscription is gone) and {@code missed}.
 */
@Component
class LifecycleNotifications {

    static final String REMOVED = "subscriptionRemoved";
    private static final Set<String> EVENTS = Set.of("reauthorizationRequired", REMOVED, "missed");

    private final Subscriptions subscriptions;
    private final NotificationDelivery delivery;
    private final JsonMapper json;

    LifecycleNotifications(Subscriptions subscriptions, NotificationDelivery delivery, JsonMapper json) {
        this.subscriptions = subscriptions;
        this.delivery = delivery;
        this.json = json;
    }

    /** Whether a notification went out: none does when the subscription has no lifecycle URL. */
    boolean fire(String subscriptionId, String lifecycleEvent) {
        if (!EVENTS.contains(lifecycleEvent)) {
            throw GraphErrorException.badRequest("InvalidRequest", "Unknown lifecycle event: " + lifecycleEvent);
        }
        Subscription subscription = subscriptions
                .find(subscriptionId)
                .orElseThrow(() -> GraphErrorException.notFound("No live subscription " + subscriptionId));
        if (REMOVED.equals(lifecycleEvent)) {
            subscriptions.remove(subscriptionId);
        }
        if (subscription.lifecycleNotificationUrl() == null) {
            return false;
        }
        ObjectNode notification = json.createObjectNode();
        notification.put("subscriptionId", subscription.id());
        notification.put(
                "subscriptionExpirationDateTime",
                subscription.expirationDateTime().toString());
        if (subscription.tenantId() != null) {
            notification.put("tenantId", subscription.tenantId());
        }
        if (subscription.clientState() != null) {
            notification.put("clientState", subscription.clientState());
        }
        notification.put("lifecycleEvent", lifecycleEvent);
        delivery.sendNow(subscription.id(), subscription.lifecycleNotificationUrl(), notification);
        return true;
    }
}
