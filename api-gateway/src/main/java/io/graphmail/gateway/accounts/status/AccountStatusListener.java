package io.graphmail.gateway.accounts.status;

import static io.graphmail.contract.MailTopology.GATEWAY_ACCOUNT_EVENTS_QUEUE;

import io.graphmail.contract.accounts.AccountStatusChanged;
import io.graphmail.gateway.accounts.AccountStatus;
import io.graphmail.gateway.accounts.Accounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** Records what workers learn about an account's consent and credentials. */
@Component
class AccountStatusListener {

    private static final Logger log = LoggerFactory.getLogger(AccountStatusListener.class);

    private final Accounts accounts;
    private final ApplicationEventPublisher recorded;

    AccountStatusListener(Accounts accounts, ApplicationEventPublisher recorded) {
        this.accounts = accounts;
        this.recorded = recorded;
    }

    @RabbitListener(id = "account-status", queues = GATEWAY_ACCOUNT_EVENTS_QUEUE)
    void onStatusChanged(AccountStatusChanged event) {
        AccountStatus status = AccountStatus.valueOf(event.status());
        if (status == AccountStatus.REAUTH_REQUIRED) {
            log.warn("Account {} needs its owner to consent again ({})", event.accountId(), event.reason());
        } else if (status == AccountStatus.CREDENTIALS_UNAVAILABLE) {
            log.warn("Account {} has no usable credentials ({})", event.accountId(), event.reason());
        }
        accounts.updateStatus(event.accountId(), status, event.reason(), event.mailbox(), event.changedAt());
        recorded.publishEvent(new AccountStatusRecorded(event.accountId(), status, event.reason(), event.changedAt()));
    }
}
