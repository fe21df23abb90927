package io.graphmail.simulator.subscriptions;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** Every live subscription; one that has expired is removed the next time anything looks. */
@Component
class Subscriptions {

    private final Map<String, Subscription> byId = new ConcurrentHashMap<>();

    void save(Subscription subscription) {
        byId.put(subscription.id(), subscription);
    }

    /** The live subscription with this id, if {@code owner} created it. */
    Optional<Subscription> find(String id, String owner) {
        return live().stream()
                .filter(subscription ->
                        subscription.id().equals(id) && subscription.owner().equals(owner))
                .findFirst();
    }

    Optional<Subscription> find(String id) {
        return live().stream()
                .filter(subscription -> subscription.id().equals(id))
                .findFirst();
    }

    List<Subscription> ownedBy(String owner) {
        return live().stream()
                .filter(subscription -> subscription.owner().equals(owner))
                .toList();
    }

    /** The subscriptions not yet expired, oldest expiry first; removes the expired ones. */
    List<Subscription> live() {
        Instant now = Instant.now();
        byId.values().removeIf(subscription -> subscription.expiredAt(now));
        return byId.values().stream()
                .sorted(Comparator.comparing(Subscription::expirationDateTime))
                .toList();
    }

    boolean remove(String id) {
        return byId.remove(id) != null;
    }

    /** Removes every live subscription watching {@code mailbox}, whichever app made it; how many there were. */
    int removeWatching(String mailbox) {
        List<String> ids = live().stream()
                .filter(subscription -> subscription.watched().mailbox().equalsIgnoreCase(mailbox))
                .map(Subscription::id)
                .toList();
        ids.forEach(byId::remove);
        return ids.size();
    }

    void clear() {
        byId.clear();
    }
}
