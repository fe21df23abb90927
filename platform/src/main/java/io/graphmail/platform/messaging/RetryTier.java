package io.graphmail.platform.messaging;

import static io.graphmail.contract.MailTopology.DEFERRED_QUEUE;
import static io.graphmail.contract.MailTopology.SEND_RETRY_QUEUE;
import static io.graphmail.contract.MailTopology.TRANSACTIONAL_SEND_RETRY_QUEUE;

import java.time.Duration;

/**
 * The delay queues a deferred command waits in. Each queue has one fixed TTL, so nothing waits
 * behind a longer delay (RabbitMQ expires messages only at a queue's head); a command goes to the
 * longest tier not longer than its delay and, back early, is simply deferred again.
 *
 * <p>Queue names and routing keys carry {@code v2}: the first delay queues were classic queues,
 * which dead-letter at most once, and a queue cannot be redeclared with other arguments. New names
 * let an upgrade start beside the old queues, which receive nothing more and drain by themselves.
 *
 * <p>Transactional commands wait in delay queues of their own ({@link #transactionalQueue()}), which hand them back to
 * the transactional send queue: through the bulk tiers a retried single would come back behind a batch.
 */
public enum RetryTier {
    QUARTER_SECOND(Duration.ofMillis(250)),
    ONE_SECOND(Duration.ofSeconds(1)),
    FIVE_SECONDS(Duration.ofSeconds(5)),
    THIRTY_SECONDS(Duration.ofSeconds(30)),
    TWO_MINUTES(Duration.ofMinutes(2)),
    TEN_MINUTES(Duration.ofMinutes(10));

    private final Duration delay;

    RetryTier(Duration delay) {
        this.delay = delay;
    }

    public Duration delay() {
        return delay;
    }

    public String routingKey() {
        return "delay.v2." + delay.toMillis();
    }

    public String queue() {
        return queue(SEND_RETRY_QUEUE);
    }

    /** The routing key of this tier's delay queue for transactional commands. */
    public String transactionalRoutingKey() {
        return "delay.transactional.v2." + delay.toMillis();
    }

    public String transactionalQueue() {
        return queue(TRANSACTIONAL_SEND_RETRY_QUEUE);
    }

    /** This tier's delay queue among those named {@code prefix} (each kind of work has its own). */
    public String queue(String prefix) {
        return prefix + "." + label() + ".v2";
    }

    /** The tier's delay as queue names and headers spell it: {@code 250ms}, {@code 5s}. */
    public String label() {
        return delay.toMillis() < 1000 ? delay.toMillis() + "ms" : delay.toSeconds() + "s";
    }

    /** The delay queue of this tier for messages deferred back to the queue they came from (see {@link Deferrals}). */
    public String deferralQueue() {
        return DEFERRED_QUEUE + "." + label();
    }

    /** The longest tier not longer than {@code wanted}; the shortest for anything shorter. */
    public static RetryTier forDelay(Duration wanted) {
        RetryTier chosen = QUARTER_SECOND;
        for (RetryTier tier : values()) {
            if (tier.delay.compareTo(wanted) <= 0) {
                chosen = tier;
            }
        }
        return chosen;
    }
}
