package io.graphmail.worker.accounts.tokens;

import static io.graphmail.contract.MailTopology.WORKER_ACCOUNT_EVENTS_QUEUE;

import io.graphmail.contract.accounts.AccountRemoved;
import io.graphmail.worker.accounts.AccountForgotten;
import io.graphmail.worker.accounts.AccountRemoving;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** Forgets a removed account's tokens, everywhere they are kept. */
@Component
class AccountRemovedListener {

    private final TokenCaches caches;
    private final MsalApplications applications;
    private final MsalTokenSource tokens;
    private final ApplicationEventPublisher localEvents;

    AccountRemovedListener(
            TokenCaches caches,
            MsalApplications applications,
            MsalTokenSource tokens,
            ApplicationEventPublisher localEvents) {
        this.caches = caches;
        this.applications = applications;
        this.tokens = tokens;
        this.localEvents = localEvents;
    }

    @RabbitListener(id = "account-removed", queues = WORKER_ACCOUNT_EVENTS_QUEUE)
    void onAccountRemoved(AccountRemoved event) {
        localEvents.publishEvent(new AccountRemoving(event.accountId()));
        caches.delete(event.accountId());
        applications.forget(event.accountId());
        tokens.forget(event.accountId());
        localEvents.publishEvent(new AccountForgotten(event.accountId()));
    }
}
