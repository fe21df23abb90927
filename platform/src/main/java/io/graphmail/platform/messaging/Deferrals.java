package io.graphmail.platform.messaging;

import static io.graphmail.contract.MailTopology.DEFER_EXCHANGE;
import static io.graphmail.contract.MailTopology.DEFER_TIER_HEADER;

import java.time.Duration;
import java.util.List;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;

/**
 * Hands a message back to the queue it came from after a delay, through a delay queue that dead-letters it there
 * (at-least-once, like the send path's {@link RetryTier} queues). Unlike a requeue, a deferral is a new message in its
 * queue: it does not count against the queue's delivery limit, which stays the budget for poison.
 *
 * <p>Each deferral of the same message waits longer: {@value #SHORT_DEFERRALS} times a second, then five seconds,
 * and half a minute from the {@value #LONG_AFTER}th on, so that a long outage costs little while a short one ends soon.
 */
public class Deferrals {

    /** How often a message has been deferred, counted in the message itself. */
    public static final String DEFERRALS_HEADER = "x-graphmail-deferrals";

    static final List<RetryTier> TIERS =
            List.of(RetryTier.ONE_SECOND, RetryTier.FIVE_SECONDS, RetryTier.THIRTY_SECONDS);

    static final int SHORT_DEFERRALS = 10;
    static final int LONG_AFTER = 20;

    /* Set by the queue on each delivery; the copy starts afresh in the queue it returns to. */
    private static final String DELIVERY_COUNT_HEADER = "x-delivery-count";

    private final ConfirmedPublisher publisher;

    Deferrals(ConfirmedPublisher publisher) {
        this.publisher = publisher;
    }

    /**
     * Publishes (confirmed) a copy of {@code message} that returns to {@code queue} after a delay; the caller may then
     * acknowledge the original.
     *
     * @return the delay
     */
    public Duration defer(Message message, String queue) {
        long deferrals = deferrals(message) + 1;
        RetryTier tier = tier(deferrals);
        Message copy = MessageBuilder.fromClonedMessage(message)
                .setHeader(DEFERRALS_HEADER, deferrals)
                .setHeader(DEFER_TIER_HEADER, tier.label())
                .removeHeader(DELIVERY_COUNT_HEADER)
                .build();
        publisher.publish(DEFER_EXCHANGE, queue, copy);
        return tier.delay();
    }

    /** How often {@code message} was deferred before. */
    public static long deferrals(Message message) {
        return message.getMessageProperties().getHeader(DEFERRALS_HEADER) instanceof Number count
                ? count.longValue()
                : 0;
    }

    static RetryTier tier(long deferral) {
        if (deferral <= SHORT_DEFERRALS) {
            return TIERS.get(0);
        }
        return deferral < LONG_AFTER ? TIERS.get(1) : TIERS.get(2);
    }
}
