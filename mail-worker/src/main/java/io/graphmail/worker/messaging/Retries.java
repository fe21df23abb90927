package io.graphmail.worker.messaging;

import static io.graphmail.contract.MailTopology.RETRY_EXCHANGE;
import static io.graphmail.contract.MailTopology.SEND_ROUTING_KEY;

import io.graphmail.messaging.ConfirmedPublisher;
import java.time.Duration;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * Puts a command back on the send queue after a delay, by parking it in the retry queue with a
 * per-message TTL; the broker dead-letters it back when the TTL ends. No consumer thread waits.
 */
@Component
public class Retries {

    private final ConfirmedPublisher publisher;

    Retries(ConfirmedPublisher publisher) {
        this.publisher = publisher;
    }

    public void retryLater(Message command, Duration delay) {
        Message delayed = MessageBuilder.fromClonedMessage(command)
                .setExpiration(Long.toString(Math.max(1, delay.toMillis())))
                .build();
        publisher.publish(RETRY_EXCHANGE, SEND_ROUTING_KEY, delayed);
    }
}
