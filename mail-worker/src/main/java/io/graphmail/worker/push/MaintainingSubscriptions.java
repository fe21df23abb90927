package io.graphmail.worker.push;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.graphmail.worker.accounts.AccountActivated;
import io.graphmail.worker.accounts.AccountDirectory;
import io.graphmail.worker.accounts.AccountRemoving;
import io.graphmail.worker.accounts.AccountSettings;
import io.graphmail.worker.sync.SyncProperties;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * With a public URL configured ({@link PushProperties#enabled()}), every folder synced by default of every active account gets a subscription: when the
 * account becomes active and on every check, which also renews what is due, subscribes again where Graph no longer has
 * the recorded subscription, and starts pending rounds a worker that died left behind. A removed account's subscriptions are deleted while its token is still at hand.
 */
@Component
class MaintainingSubscriptions {

    private static final Logger log = LoggerFactory.getLogger(MaintainingSubscriptions.class);

    private final MongoTemplate mongo;
    private final AccountDirectory accounts;
    private final SubscribingFolders subscribing;
    private final FolderSubscriptions subscriptions;
    private final NotifiedRounds rounds;
    private final PushMetrics metrics;
    private final PushProperties properties;
    private final Clock clock;
    private final List<String> folders;

    MaintainingSubscriptions(
            MongoTemplate mongo,
            AccountDirectory accounts,
            SubscribingFolders subscribing,
            FolderSubscriptions subscriptions,
            NotifiedRounds rounds,
            PushMetrics metrics,
            PushProperties properties,
            Clock clock,
            SyncProperties sync) {
        this.mongo = mongo;
        this.accounts = accounts;
        this.subscribing = subscribing;
        this.subscriptions = subscriptions;
        this.rounds = rounds;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
        this.folders = List.copyOf(sync.folders());
    }

    @Scheduled(
            fixedDelayString = "${graphmail.push.check-every:1m}",
            initialDelayString = "${graphmail.push.check-every:1m}")
    void check() {
        if (!properties.enabled()) {
            return;
        }
        for (AccountSettings account : mongo.find(query(where("status").is("ACTIVE")), AccountSettings.class)) {
            subscribeAll(account);
        }
        for (FolderSubscription stuck :
                subscriptions.pendingSince(clock.instant().minus(properties.checkEvery()))) {
            accounts.find(stuck.accountId()).ifPresent(account -> rounds.drain(account, stuck.folder()));
        }
        metrics.states(subscriptions.all());
    }

    @EventListener
    void on(AccountActivated activated) {
        if (!properties.enabled()) {
            return;
        }
        accounts.find(activated.accountId()).ifPresent(this::subscribeAll);
    }

    @EventListener
    void on(AccountRemoving removing) {
        var known = new AccountSettings(removing.accountId(), null, null, null, null, null, null, null);
        subscribing.removeAll(accounts.find(removing.accountId()).orElse(known));
    }

    private void subscribeAll(AccountSettings account) {
        for (String folder : folders) {
            try {
                subscribing.ensure(account, folder);
            } catch (RuntimeException e) {
                log.warn("Subscription of {} / {} waits for the next check: {}", account.id(), folder, e.toString());
            }
        }
    }
}
