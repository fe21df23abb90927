package io.graphmail.worker.messaging;

import static io.graphmail.contract.MailTopology.DEAD_LETTER_EXCHANGE;
import static io.graphmail.contract.MailTopology.REASON_HEADER;

import io.graphmail.platform.messaging.ConfirmedPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * Moves a message that cannot be processed to the dead-letter exchange, with the reason in a
 * header, so an operator can see why and replay it.
 */
@Component
public class DeadLetters {

    private final ConfirmedPublisher publisher;
    private final MeterRegistry meterRegistry;

    DeadLetters(ConfirmedPublisher publisher, MeterRegistry meterRegistry) {
        this.publisher = publisher;
        this.meterRegistry = meterRegistry;
    }

    public void deadLetter(Message message, String reason) {
        Message withReason = MessageBuilder.fromClonedMessage(message)
                .setHeader(REASON_HEADER, reason)
                .setHeader(
                        "x-original-routing-key", message.getMessageProperties().getReceivedRoutingKey())
                .build();
        publisher.publish(DEAD_LETTER_EXCHANGE, "", withReason);
        meterRegistry
                .counter("graphmail.mail.dead_lettered", "reason", reasonTag(reason))
                .increment();
    }

    private static String reasonTag(String reason) {
        int colon = reason.indexOf(':');
        return colon < 0 ? reason : reason.substring(0, colon);
    }
}
