package io.graphmail.gateway.messaging;

import static io.graphmail.contract.MailTopology.ACCOUNT_REMOVED_ROUTING_KEY;
import static io.graphmail.contract.MailTopology.COMMANDS_EXCHANGE;
import static io.graphmail.contract.MailTopology.CONSENT_ROUTING_KEY;
import static io.graphmail.contract.MailTopology.EVENTS_EXCHANGE;

import io.graphmail.contract.accounts.AccountRemoved;
import io.graphmail.contract.accounts.ConsentStarted;
import io.graphmail.contract.accounts.StartConsent;
import io.graphmail.platform.messaging.ConfirmedPublisher;
import java.util.Optional;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;

/** Account commands and events between the gateway and the workers. */
@Component
public class AccountMessages {

    private final RabbitTemplate rabbit;
    private final ConfirmedPublisher publisher;

    AccountMessages(RabbitTemplate rabbit, ConfirmedPublisher publisher) {
        this.rabbit = rabbit;
        this.publisher = publisher;
    }

    /** Asks a worker to start a device code flow; empty if none answers within the reply timeout. */
    public Optional<ConsentStarted> startConsent(StartConsent command) {
        return Optional.ofNullable(rabbit.convertSendAndReceiveAsType(
                COMMANDS_EXCHANGE, CONSENT_ROUTING_KEY, command, new ParameterizedTypeReference<ConsentStarted>() {}));
    }

    public void removed(AccountRemoved event) {
        publisher.publish(EVENTS_EXCHANGE, ACCOUNT_REMOVED_ROUTING_KEY, event, event.eventId());
    }
}
