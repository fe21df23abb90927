package io.graphmail.worker.messaging;

import static io.graphmail.contract.MailTopology.RETRY_EXCHANGE;

import io.graphmail.platform.messaging.ConfirmedPublisher;
import io.graphmail.platform.messaging.RetryTier;
import java.time.Duration;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * Puts a command back on the send queue after a delay, through the delay queue of the matching
 * {@link RetryTier}; the broker dead-letters it back when its TTL ends. No consumer thread waits.
 */
@Component
public class Retries {

    private final ConfirmedPublisher publisher;

    Retries(ConfirmedPublisher publisher) {
        this.publisher = publisher;
    }

    public void retryLater(Message command, Duration delay) {
        Message copy = MessageBuilder.fromClonedMessage(command).build();
        publisher.publish(RETRY_EXCHANGE, RetryTier.forDelay(delay).routingKey(), copy);
    }
}
