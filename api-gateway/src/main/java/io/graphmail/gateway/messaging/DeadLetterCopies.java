package io.graphmail.gateway.messaging;

import static io.graphmail.contract.MailTopology.SEND_DEAD_LETTER_QUEUE;

import com.rabbitmq.client.GetResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/**
 * The operators' copies of dead-lettered send commands ({@code graphmail.mail.send.dlq}). A command sent once more
 * leaves the queue once the broker confirmed it again ({@link MailCommands#retireDeadLetterCopies}), so the queue
 * (and the alert on it) holds only what still needs someone.
 */
@Component
class DeadLetterCopies {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterCopies.class);
    private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(5);

    private final RabbitTemplate rabbit;

    DeadLetterCopies(RabbitTemplate rabbit) {
        this.rabbit = rabbit;
    }

    /**
     * Removes the copies of these commands. RabbitMQ cannot take a message out of the middle of a queue, so every copy
     * present is taken once: the replayed ones are acknowledged, the others published to the back again (confirmed
     * before the original is acknowledged, so none is lost; order is kept). A requeue would do it with fewer writes,
     * but each requeue counts towards a quorum queue's delivery limit.
     *
     * @return how many copies were removed; 0 if the broker could not be reached (the copies then stay)
     */
    int remove(Collection<UUID> commandIds) {
        if (commandIds.isEmpty()) {
            return 0;
        }
        Set<String> replayed = commandIds.stream().map(UUID::toString).collect(Collectors.toSet());
        try {
            Integer removed = rabbit.execute(channel -> {
                channel.confirmSelect();
                long present = channel.messageCount(SEND_DEAD_LETTER_QUEUE);
                int taken = 0;
                for (long i = 0; i < present; i++) {
                    GetResponse copy = channel.basicGet(SEND_DEAD_LETTER_QUEUE, false);
                    if (copy == null) {
                        break;
                    }
                    if (replayed.contains(copy.getProps().getMessageId())) {
                        taken++;
                    } else {
                        channel.basicPublish("", SEND_DEAD_LETTER_QUEUE, copy.getProps(), copy.getBody());
                        channel.waitForConfirmsOrDie(CONFIRM_TIMEOUT.toMillis());
                    }
                    channel.basicAck(copy.getEnvelope().getDeliveryTag(), false);
                }
                return taken;
            });
            return removed == null ? 0 : removed;
        } catch (AmqpException e) {
            log.warn(
                    "Copies of {} replayed command(s) stay in {}: {}",
                    commandIds.size(),
                    SEND_DEAD_LETTER_QUEUE,
                    e.getMessage());
            return 0;
        }
    }
}
