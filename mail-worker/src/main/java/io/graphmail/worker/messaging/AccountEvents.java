package io.graphmail.worker.messaging;

import static io.graphmail.contract.MailTopology.ACCOUNT_STATUS_ROUTING_KEY;
import static io.graphmail.contract.MailTopology.EVENTS_EXCHANGE;

import io.graphmail.contract.accounts.AccountStatusChanged;
import io.graphmail.platform.messaging.ConfirmedPublisher;
import org.springframework.stereotype.Component;

/** Tells the gateway what workers learned about an account's consent. */
@Component
public class AccountEvents {

    private final ConfirmedPublisher publisher;

    AccountEvents(ConfirmedPublisher publisher) {
        this.publisher = publisher;
    }

    public void statusChanged(AccountStatusChanged event) {
        publisher.publish(EVENTS_EXCHANGE, ACCOUNT_STATUS_ROUTING_KEY, event, event.eventId());
    }
}
