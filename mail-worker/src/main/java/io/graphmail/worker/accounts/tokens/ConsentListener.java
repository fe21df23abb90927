package io.graphmail.worker.accounts.tokens;

import static io.graphmail.contract.MailTopology.CONSENT_QUEUE;

import io.graphmail.contract.accounts.ConsentStarted;
import io.graphmail.contract.accounts.StartConsent;
import io.graphmail.platform.mongodb.MongoUnavailable;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * Answers the gateway's consent requests with the device code its user must enter. While MongoDB is away it answers
 * at once that no flow could start: the gateway waits only seconds for the answer, so a request deferred until MongoDB
 * is back would be answered to no one.
 */
@Component
class ConsentListener {

    private final ConsentFlows flows;

    ConsentListener(ConsentFlows flows) {
        this.flows = flows;
    }

    @RabbitListener(id = "start-consent", queues = CONSENT_QUEUE)
    ConsentStarted onStartConsent(StartConsent command) {
        try {
            return flows.start(command.accountId());
        } catch (RuntimeException e) {
            if (!MongoUnavailable.causedBy(e)) {
                throw e;
            }
            return new ConsentStarted(command.accountId(), null, null, null, null, "DATABASE_UNAVAILABLE");
        }
    }
}
