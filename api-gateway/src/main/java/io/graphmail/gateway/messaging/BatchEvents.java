package io.graphmail.gateway.messaging;

import static io.graphmail.contract.MailTopology.BATCH_STATE_ROUTING_KEY;
import static io.graphmail.contract.MailTopology.EVENTS_EXCHANGE;

import io.graphmail.contract.batches.BatchStateChanged;
import io.graphmail.platform.messaging.ConfirmedPublisher;
import org.springframework.stereotype.Component;

/** Tells workers that a batch was paused, resumed or cancelled. */
@Component
public class BatchEvents {

    private final ConfirmedPublisher publisher;

    BatchEvents(ConfirmedPublisher publisher) {
        this.publisher = publisher;
    }

    public void stateChanged(BatchStateChanged event) {
        publisher.publish(EVENTS_EXCHANGE, BATCH_STATE_ROUTING_KEY, event, event.eventId());
    }
}
