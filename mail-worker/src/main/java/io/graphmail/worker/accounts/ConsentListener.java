package io.graphmail.worker.accounts;

import static io.graphmail.contract.MailTopology.CONSENT_QUEUE;

import io.graphmail.contract.accounts.ConsentStarted;
import io.graphmail.contract.accounts.StartConsent;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/** Answers the gateway's consent requests with the device code its user must enter. */
@Component
class ConsentListener {

    private final ConsentFlows flows;

    ConsentListener(ConsentFlows flows) {
        this.flows = flows;
    }

    @RabbitListener(id = "start-consent", queues = CONSENT_QUEUE)
    ConsentStarted onStartConsent(StartConsent command) {
        return flows.start(command.accountId());
    }
}
