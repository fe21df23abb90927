package io.graphmail.worker.push;

import io.graphmail.platform.hashing.Sha256;
import io.graphmail.worker.accounts.AccountLeases;
import io.graphmail.worker.accounts.AccountOnHold;
import io.graphmail.worker.accounts.AccountSettings;
import io.graphmail.worker.graph.GraphCallFailed;
import io.graphmail.worker.graph.GraphSubscriptions;
import io.graphmail.worker.graph.MailboxReader;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Keeps one live Graph subscription per synced folder: creates it where missing, renews it well before it expires,
 * recreates it when Graph lost it. Each folder is looked after under a lease, and its document is keyed by the folder,
 * so however many workers run there is never a second subscription. A folder Graph refuses a subscription for (for
 * example because the validation handshake failed) stays on polling and is tried again later.
 */
@Service
class SubscribingFolders {

    private static final Logger log = LoggerFactory.getLogger(SubscribingFolders.class);
    private static final Duration LEASE = Duration.ofMinutes(1);

    private final GraphSubscriptions graph;
    private final MailboxReader reader;
    private final FolderSubscriptions subscriptions;
    private final AccountLeases leases;
    private final PushProperties properties;
    private final PushMetrics metrics;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    SubscribingFolders(
            GraphSubscriptions graph,
            MailboxReader reader,
            FolderSubscriptions subscriptions,
            AccountLeases leases,
            PushProperties properties,
            PushMetrics metrics,
            Clock clock) {
        this.graph = graph;
        this.reader = reader;
        this.subscriptions = subscriptions;
        this.leases = leases;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Creates or renews the folder's subscription if it is due; nothing if another worker is at it. A recorded
     * subscription that is not due is looked up at Graph once per {@link PushProperties#lookUpEvery()} (Graph may have
     * removed it unannounced), and replaced if gone.
     */
    void ensure(AccountSettings account, String folder) {
        var recorded = subscriptions.find(account.id(), folder);
        Instant now = clock.instant();
        if (!due(recorded, now)) {
            recorded.filter(FolderSubscription::isActive)
                    .filter(active -> lookUpDue(active, now))
                    .filter(active -> goneAtGraph(account, active))
                    .ifPresent(gone -> replace(account, gone));
            return;
        }
        withLease(account, folder, () -> {
            var current = subscriptions.find(account.id(), folder);
            if (!due(current, clock.instant())) {
                return;
            }
            if (current.isPresent() && current.get().isActive()) {
                renew(account, current.get());
            } else {
                create(account, folder);
            }
        });
    }

    /** Whether the folder needs a subscription or a renewal: read without the lease, checked again under it. */
    private boolean due(Optional<FolderSubscription> current, Instant now) {
        if (current.isEmpty() || !current.get().isActive()) {
            return current.map(FolderSubscription::nextAttemptAt)
                    .map(next -> !now.isBefore(next))
                    .orElse(true);
        }
        return current.get().expiresAt().minus(properties.renewBefore()).isBefore(now);
    }

    /** Whether Graph was last seen to have the subscription longer ago than the look-up interval. */
    private boolean lookUpDue(FolderSubscription active, Instant now) {
        return active.lookedUpAt() == null || !now.isBefore(active.lookedUpAt().plus(properties.lookUpEvery()));
    }

    /** Renews at once, as Graph asks with {@code reauthorizationRequired}. */
    void renewNow(AccountSettings account, String folder) {
        withLease(
                account,
                folder,
                () -> subscriptions
                        .find(account.id(), folder)
                        .filter(FolderSubscription::isActive)
                        .ifPresentOrElse(current -> renew(account, current), () -> create(account, folder)));
    }

    /** A new subscription in place of one Graph removed. */
    void recreate(AccountSettings account, String folder) {
        withLease(account, folder, () -> create(account, folder));
    }

    private boolean goneAtGraph(AccountSettings account, FolderSubscription recorded) {
        try {
            if (graph.exists(account, recorded.subscriptionId())) {
                subscriptions.lookedUp(account.id(), recorded.folder(), recorded.subscriptionId());
                return false;
            }
            return true;
        } catch (GraphCallFailed | AccountOnHold failure) {
            log.info(
                    "Subscription of {} / {} not looked up; the next check tries again: {}",
                    account.id(),
                    recorded.folder(),
                    failure.getMessage());
            return false;
        }
    }

    /** Subscribes again unless another worker replaced the gone subscription meanwhile. */
    private void replace(AccountSettings account, FolderSubscription gone) {
        withLease(account, gone.folder(), () -> {
            var current = subscriptions.find(account.id(), gone.folder());
            if (current.filter(FolderSubscription::isActive)
                    .map(FolderSubscription::subscriptionId)
                    .filter(gone.subscriptionId()::equals)
                    .isPresent()) {
                log.info("Subscription of {} / {} is gone at Graph; subscribing again", account.id(), gone.folder());
                create(account, gone.folder());
            }
        });
    }

    /** Deletes the account's subscriptions at Graph and forgets them; Graph ends any it cannot delete by expiry. */
    void removeAll(AccountSettings account) {
        for (FolderSubscription subscription : subscriptions.ofAccount(account.id())) {
            if (subscription.subscriptionId() != null) {
                deleteQuietly(account, subscription.subscriptionId());
            }
            subscriptions.remove(account.id(), subscription.folder());
        }
    }

    private void create(AccountSettings account, String folder) {
        var previous = subscriptions.find(account.id(), folder).map(FolderSubscription::subscriptionId);
        String clientState = newClientState();
        try {
            String folderId = reader.folder(account, folder).id();
            var created = graph.create(
                    account,
                    folderId,
                    properties.notificationUrl(),
                    clientState,
                    clock.instant().plus(properties.lifetime()));
            subscriptions.active(account.id(), folder, created.id(), Sha256.hex(clientState), created.expiresAt());
            metrics.created("success");
            log.info("Subscribed to {} / {} until {}", account.id(), folder, created.expiresAt());
            previous.ifPresent(old -> deleteQuietly(account, old));
            deleteStrays(account, folder, created.id());
        } catch (GraphCallFailed | AccountOnHold failure) {
            subscriptions.failed(
                    account.id(), folder, failure.getMessage(), clock.instant().plus(properties.retryAfterFailure()));
            metrics.created("failure");
            log.warn(
                    "No subscription for {} / {}; it stays on polling: {}", account.id(), folder, failure.getMessage());
        }
    }

    private void renew(AccountSettings account, FolderSubscription current) {
        try {
            Instant expiresAt = graph.renew(
                    account, current.subscriptionId(), clock.instant().plus(properties.lifetime()));
            subscriptions.renewed(account.id(), current.folder(), expiresAt);
            metrics.renewed("success");
            deleteStrays(account, current.folder(), current.subscriptionId());
        } catch (GraphCallFailed failure) {
            metrics.renewed("failure");
            if (failure.status() == 404) {
                log.info("Subscription of {} / {} is gone; subscribing again", account.id(), current.folder());
                create(account, current.folder());
            } else {
                log.warn(
                        "Renewing the subscription of {} / {} failed: {}",
                        account.id(),
                        current.folder(),
                        failure.getMessage());
            }
        } catch (AccountOnHold onHold) {
            metrics.renewed("failure");
            log.warn(
                    "Renewing the subscription of {} / {} waits: {}",
                    account.id(),
                    current.folder(),
                    onHold.getMessage());
        }
    }

    /**
     * A worker that died between Graph's answer to a create and recording it left a subscription nobody renews or
     * reads, live until it expires; whoever holds the folder's lease next deletes every subscription of the folder
     * but the recorded one.
     */
    private void deleteStrays(AccountSettings account, String folder, String recordedId) {
        try {
            String folderId = reader.folder(account, folder).id();
            graph.list(account, folderId, properties.notificationUrl()).stream()
                    .map(GraphSubscriptions.Listed::id)
                    .filter(id -> !id.equals(recordedId))
                    .forEach(stray -> {
                        log.info("Deleting stray subscription {} of {}", stray, account.id());
                        deleteQuietly(account, stray);
                    });
        } catch (GraphCallFailed | AccountOnHold failure) {
            log.info("Stray subscriptions of {} not looked for: {}", account.id(), failure.getMessage());
        }
    }

    private void deleteQuietly(AccountSettings account, String subscriptionId) {
        try {
            graph.delete(account, subscriptionId);
        } catch (GraphCallFailed | AccountOnHold | IllegalArgumentException failure) {
            log.info(
                    "Subscription {} of {} not deleted; it ends at its expiry: {}",
                    subscriptionId,
                    account.id(),
                    failure.getMessage());
        }
    }

    private void withLease(AccountSettings account, String folder, Runnable work) {
        var lease = leases.tryTake("push-" + account.id() + "-" + folder, LEASE);
        if (lease.isEmpty()) {
            return;
        }
        try (var held = lease.get()) {
            work.run();
        }
    }

    private String newClientState() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
