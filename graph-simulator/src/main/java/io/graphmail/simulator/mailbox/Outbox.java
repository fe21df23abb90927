package io.graphmail.simulator.mailbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What a mailbox sent recently, to apply Exchange Online's sending limits to the next message: when its delivery slot
 * comes (messages per minute), or why it bounces (recipients per message, per day, size). Not thread-safe: the
 * mailbox guards it.
 */
public final class Outbox {

    private final List<Instant> deliverySlots = new ArrayList<>();
    private final Deque<Recipients> recentRecipients = new ArrayDeque<>();

    private record Recipients(Instant at, int count) {}

    /** What becomes of a message accepted for sending. */
    sealed interface Outcome permits Delivered, Bounced {}

    /** Delivered at {@code at}: now, or later when the mailbox is over its rate. */
    record Delivered(Instant at) implements Outcome {}

    record Bounced(NonDelivery reason) implements Outcome {}

    /** The rules in force for one submission. */
    public record Rules(
            SendingLimits limits,
            Duration rateWindow,
            Duration recipientWindow,
            Instant now,
            Undeliverable undeliverable) {

        public Rules(SendingLimits limits, Duration rateWindow, Duration recipientWindow, Instant now) {
            this(limits, rateWindow, recipientWindow, now, Undeliverable.NONE);
        }
    }

    Outcome submit(Message message, Rules rules) {
        SendingLimits limits = rules.limits();
        int recipients = (int) message.allRecipients().count();
        if (limits.recipientsPerMessage() != null && recipients > limits.recipientsPerMessage()) {
            return new Bounced(NonDelivery.TOO_MANY_RECIPIENTS);
        }
        if (limits.maxMessageSize() != null && MessageSize.asSent(message) > limits.maxMessageSize()) {
            return new Bounced(NonDelivery.MESSAGE_TOO_LARGE);
        }
        Instant dayStart = rules.now().minus(rules.recipientWindow());
        while (!recentRecipients.isEmpty() && !recentRecipients.peekFirst().at().isAfter(dayStart)) {
            recentRecipients.removeFirst();
        }
        int sentToday = recentRecipients.stream().mapToInt(Recipients::count).sum();
        if (limits.recipientsPerDay() != null && sentToday + recipients > limits.recipientsPerDay()) {
            return new Bounced(NonDelivery.DAILY_RECIPIENT_LIMIT);
        }
        Instant slot = slot(limits.messagesPerMinute(), rules.rateWindow(), rules.now());
        deliverySlots.add(slot);
        recentRecipients.addLast(new Recipients(slot, recipients));
        return new Delivered(slot);
    }

    /**
     * The earliest time, never before an earlier slot, at which one more delivery keeps every sliding window at most
     * {@code perWindow} deliveries: a window after the delivery {@code perWindow} places back, or now.
     */
    private Instant slot(Integer perWindow, Duration window, Instant now) {
        deliverySlots.removeIf(slot -> !slot.isAfter(now.minus(window)));
        Instant slot = deliverySlots.isEmpty() ? now : latest(now, deliverySlots.get(deliverySlots.size() - 1));
        if (perWindow != null && deliverySlots.size() >= perWindow) {
            slot = latest(
                    slot, deliverySlots.get(deliverySlots.size() - perWindow).plus(window));
        }
        return slot;
    }

    private static Instant latest(Instant one, Instant other) {
        return one.isAfter(other) ? one : other;
    }
}
