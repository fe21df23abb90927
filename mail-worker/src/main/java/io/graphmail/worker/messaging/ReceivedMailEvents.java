package io.graphmail.worker.messaging;

import static io.graphmail.contract.MailTopology.EVENTS_EXCHANGE;
import static io.graphmail.contract.MailTopology.RECEIVED_ROUTING_KEY;

import io.graphmail.contract.sync.MailReceived;
import io.graphmail.platform.messaging.ConfirmedPublisher;
import org.springframework.stereotype.Component;

/** Tells the gateway of new mail sync stores, one confirmed message per page. */
@Component
public class ReceivedMailEvents {

    private final ConfirmedPublisher publisher;

    ReceivedMailEvents(ConfirmedPublisher publisher) {
        this.publisher = publisher;
    }

    public void received(MailReceived event) {
        publisher.publish(EVENTS_EXCHANGE, RECEIVED_ROUTING_KEY, event, event.eventId());
    }
}
