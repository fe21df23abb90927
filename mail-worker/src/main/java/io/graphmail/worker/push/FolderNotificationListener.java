package io.graphmail.worker.push;

import static io.graphmail.contract.MailTopology.WORKER_FOLDER_NOTIFICATIONS_QUEUE;

import io.graphmail.contract.push.FolderChangeNotified;
import io.graphmail.worker.accounts.AccountDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * Acts on notifications the gateway verified: a change or {@code missed} runs a delta round (coalesced); {@code
 * subscriptionRemoved} subscribes again, then runs a round for what changed meanwhile; {@code reauthorizationRequired}
 * renews the subscription, which reauthorizes it.
 */
@Component
class FolderNotificationListener {

    private static final Logger log = LoggerFactory.getLogger(FolderNotificationListener.class);

    private final AccountDirectory accounts;
    private final FolderSubscriptions subscriptions;
    private final SubscribingFolders subscribing;
    private final NotifiedRounds rounds;

    FolderNotificationListener(
            AccountDirectory accounts,
            FolderSubscriptions subscriptions,
            SubscribingFolders subscribing,
            NotifiedRounds rounds) {
        this.accounts = accounts;
        this.subscriptions = subscriptions;
        this.subscribing = subscribing;
        this.rounds = rounds;
    }

    @RabbitListener(
            id = "folder-notifications",
            queues = WORKER_FOLDER_NOTIFICATIONS_QUEUE,
            concurrency = "${graphmail.push.concurrency:2}")
    void onNotified(FolderChangeNotified event) {
        var account = accounts.find(event.accountId());
        boolean current = subscriptions
                .find(event.accountId(), event.folder())
                .filter(subscription -> event.subscriptionId().equals(subscription.subscriptionId()))
                .isPresent();
        if (account.isEmpty() || !current) {
            log.info("Notification {} is for a subscription no longer in use; ignored", event.eventId());
            return;
        }
        String lifecycle = event.lifecycleEvent() == null ? "" : event.lifecycleEvent();
        switch (lifecycle) {
            case "reauthorizationRequired" -> subscribing.renewNow(account.get(), event.folder());
            case "subscriptionRemoved" -> {
                subscribing.recreate(account.get(), event.folder());
                rounds.notified(account.get(), event.folder(), event.receivedAt());
            }
            default -> rounds.notified(account.get(), event.folder(), event.receivedAt());
        }
    }
}
