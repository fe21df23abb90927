package io.graphmail.worker.messaging;

import static io.graphmail.contract.MailTopology.RETRY_EXCHANGE;

import io.graphmail.platform.messaging.ConfirmedPublisher;
import io.graphmail.platform.messaging.RetryTier;
import java.time.Duration;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * Puts a command back on its send queue after a delay, through the delay queue of the matching
 * {@link RetryTier}; the broker dead-letters it back when its TTL ends. No consumer thread waits. A transactional
 * command waits in the transactional tiers and so comes back to the transactional queue, not behind a batch; so does a
 * batch message whose pacing turn is reserved or near, which behind its batch's first passes would come back late.
 */
@Component
public class Retries {

    private final ConfirmedPublisher publisher;

    Retries(ConfirmedPublisher publisher) {
        this.publisher = publisher;
    }

    /**
     * @param toTransactionalQueue it comes back to the transactional send queue: the command is transactional
     *     ({@code SendMailCommand#isTransactional()}), or its pacing turn is reserved or near
     */
    public void retryLater(Message command, Duration delay, boolean toTransactionalQueue) {
        Message copy = MessageBuilder.fromClonedMessage(command).build();
        RetryTier tier = RetryTier.forDelay(delay);
        publisher.publish(
                RETRY_EXCHANGE, toTransactionalQueue ? tier.transactionalRoutingKey() : tier.routingKey(), copy);
    }
}
