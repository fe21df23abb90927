package io.graphmail.simulator.subscriptions;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Control API: every app's subscriptions and how their notifications went, lifecycle events, lifetime limits. */
@RestController
@RequestMapping("/_sim/subscriptions")
class SubscriptionControlController {

    /** A live subscription with what the simulator knows of it. */
    record SubscriptionState(
            SubscriptionJson subscription,
            String owner,
            String mailbox,
            String folderId,
            DeliveryLog.Deliveries deliveries) {}

    record LifecycleRequest(String lifecycleEvent) {}

    private final Subscriptions subscriptions;
    private final DeliveryLog deliveries;
    private final NotificationDelivery delivery;
    private final LifecycleNotifications lifecycle;
    private final SubscriptionLimits limits;

    SubscriptionControlController(
            Subscriptions subscriptions,
            DeliveryLog deliveries,
            NotificationDelivery delivery,
            LifecycleNotifications lifecycle,
            SubscriptionLimits limits) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.delivery = delivery;
        this.lifecycle = lifecycle;
        this.limits = limits;
    }

    @GetMapping
    Map<String, List<SubscriptionState>> list() {
        return Map.of(
                "value",
                subscriptions.live().stream()
                        .map(subscription -> new SubscriptionState(
                                SubscriptionJson.of(subscription, null),
                                subscription.owner(),
                                subscription.watched().mailbox(),
                                subscription.watched().folderId(),
                                deliveries.of(subscription.id())))
                        .toList());
    }

    /** How the POSTs for a subscription went, also after it ended. */
    @GetMapping("/{id}/deliveries")
    DeliveryLog.Deliveries deliveries(@PathVariable String id) {
        return deliveries.of(id);
    }

    @PostMapping("/{id}/lifecycle")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, Boolean> fire(@PathVariable String id, @RequestBody LifecycleRequest request) {
        return Map.of("sent", lifecycle.fire(id, request.lifecycleEvent()));
    }

    /**
     * Graph loses the mailbox's subscriptions without telling anyone (no lifecycle notification), as when a missed
     * {@code subscriptionRemoved} or a restart of the simulator leaves an app holding ids that no longer exist.
     */
    @DeleteMapping("/mailboxes/{mailbox}")
    Map<String, Integer> lose(@PathVariable String mailbox) {
        return Map.of("removed", subscriptions.removeWatching(mailbox));
    }

    @GetMapping("/limits")
    SubscriptionLimits.Limits limits() {
        return limits.limits();
    }

    /** E.g. {@code {"maxLifetime": "PT5S", "validationTimeout": "PT1S"}}; a field left out keeps its value. */
    @PutMapping("/limits")
    SubscriptionLimits.Limits setLimits(@RequestBody SubscriptionLimits.Limits changes) {
        return limits.set(changes);
    }

    /** Forgets every subscription, queued notification and delivery record, and restores the configured limits. */
    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void clear() {
        subscriptions.clear();
        delivery.clear();
        deliveries.clear();
        limits.reset();
    }
}
