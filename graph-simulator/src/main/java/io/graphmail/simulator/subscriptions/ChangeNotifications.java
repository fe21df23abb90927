package io.graphmail.simulator.subscriptions;

import io.graphmail.simulator.mailbox.MessageChanged;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns each change of a mailbox's messages into a notification for every live subscription that watches it and
 * asked for that kind of change. Within a subscription's scope (its mailbox, or its folder) a message that comes in is
 * {@code created}, one that stays is {@code updated}, one that leaves (deleted or moved out) is {@code deleted}.
 */
@Component
class ChangeNotifications {

    private final Subscriptions subscriptions;
    private final NotificationDelivery delivery;
    private final JsonMapper json;

    ChangeNotifications(Subscriptions subscriptions, NotificationDelivery delivery, JsonMapper json) {
        this.subscriptions = subscriptions;
        this.delivery = delivery;
        this.json = json;
    }

    @EventListener
    void on(MessageChanged change) {
        for (Subscription subscription : subscriptions.live()) {
            changeTypeFor(subscription, change)
                    .filter(subscription.changeTypes()::contains)
                    .ifPresent(changeType ->
                            delivery.enqueue(subscription, notification(subscription, change, changeType)));
        }
    }

    private static Optional<String> changeTypeFor(Subscription subscription, MessageChanged change) {
        boolean before = subscription.watched().covers(change, true);
        boolean after = subscription.watched().covers(change, false);
        if (before && after) {
            return Optional.of("updated");
        }
        if (after) {
            return Optional.of("created");
        }
        return before ? Optional.of("deleted") : Optional.empty();
    }

    private ObjectNode notification(Subscription subscription, MessageChanged change, String changeType) {
        String resource = "Users/" + change.mailbox() + "/Messages/" + change.messageId();
        ObjectNode notification = json.createObjectNode();
        notification.put("subscriptionId", subscription.id());
        notification.put(
                "subscriptionExpirationDateTime",
                subscription.expirationDateTime().toString());
        notification.put("changeType", changeType);
        notification.put("resource", resource);
        ObjectNode data = notification.putObject("resourceData");
        data.put("@odata.type", "#Microsoft.Graph.Message");
        data.put("@odata.id", resource);
        data.put("@odata.etag", "W/\"" + change.changeKey() + "\"");
        data.put("id", change.messageId());
        if (subscription.clientState() != null) {
            notification.put("clientState", subscription.clientState());
        }
        if (subscription.tenantId() != null) {
            notification.put("tenantId", subscription.tenantId());
        }
        return notification;
    }
}
