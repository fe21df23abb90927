package io.graphmail.gateway.messaging;

import static io.graphmail.contract.MailTopology.GATEWAY_EVENTS_RETRY_QUEUE;

import io.graphmail.platform.messaging.ConfirmedPublisher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Puts a result event the gateway could not record yet (its MongoDB is away) into a delay queue, from which the broker
 * hands it back a few seconds later, as often as it takes. Requeueing it at once instead would spin through the
 * queue's delivery limit within moments and dead-letter the event: the message would stay ACCEPTED for ever.
 */
@Component
public class DeferredEvents {

    private final ConfirmedPublisher publisher;
    private final Counter deferred;

    DeferredEvents(ConfirmedPublisher publisher, MeterRegistry meterRegistry) {
        this.publisher = publisher;
        this.deferred = Counter.builder("graphmail.mail.events.deferred")
                .description("Result events put back for later because they could not be recorded yet")
                .register(meterRegistry);
    }

    /**
     * Returns once the broker holds the event again, so the delivery in hand may be acknowledged.
     *
     * @throws io.graphmail.platform.messaging.PublishFailed if it does not; the delivery must then be requeued
     */
    public void later(Object event, UUID eventId) {
        publisher.publish("", GATEWAY_EVENTS_RETRY_QUEUE, event, eventId);
        deferred.increment();
    }
}
