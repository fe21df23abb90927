package io.graphmail.worker.messaging;

import static io.graphmail.contract.MailTopology.BOUNCED_ROUTING_KEY;
import static io.graphmail.contract.MailTopology.EVENTS_EXCHANGE;
import static io.graphmail.contract.MailTopology.FAILED_ROUTING_KEY;
import static io.graphmail.contract.MailTopology.SENT_ROUTING_KEY;

import io.graphmail.contract.send.MailBounced;
import io.graphmail.contract.send.MailFailed;
import io.graphmail.contract.send.MailSent;
import io.graphmail.platform.messaging.ConfirmedPublisher;
import org.springframework.stereotype.Component;

/**
 * Publishes the results of send commands on the events exchange, with publisher confirms. A sent or failed result
 * goes out within the trace of the listener that handled the command, not in an observation of its own.
 */
@Component
class RabbitMailEvents implements MailEvents {

    private final ConfirmedPublisher publisher;

    RabbitMailEvents(ConfirmedPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void sent(MailSent event) {
        publisher.publishInCurrentTrace(EVENTS_EXCHANGE, SENT_ROUTING_KEY, event, event.eventId());
    }

    @Override
    public void sent(MailSent event, Runnable meanwhile) {
        publisher.publishInCurrentTrace(EVENTS_EXCHANGE, SENT_ROUTING_KEY, event, event.eventId(), meanwhile);
    }

    @Override
    public void failed(MailFailed event) {
        publisher.publishInCurrentTrace(EVENTS_EXCHANGE, FAILED_ROUTING_KEY, event, event.eventId());
    }

    @Override
    public void bounced(MailBounced event) {
        publisher.publish(EVENTS_EXCHANGE, BOUNCED_ROUTING_KEY, event, event.eventId());
    }
}
