package io.graphmail.worker.pacing;

import java.time.Duration;

/** The pacer's answer: go (and return the permit afterwards), wait for a turn holding a ticket, or wait. */
public sealed interface Permit {

    /**
     * Send now; {@link AccountPacing#release} when the Graph call is over. {@code logged}: the send
     * counts in the account's log of the last minute.
     *
     * @param nearBelow the lane's tickets below this one are near their turn now: messages set aside as
     *     {@link Distant} with them go back on the queue ({@code null}: none of the lane are set aside)
     */
    record Granted(String accountId, String leaseId, boolean logged, Long nearBelow) implements Permit {

        public Granted(String accountId, String leaseId, boolean logged) {
            this(accountId, leaseId, logged, null);
        }
    }

    /**
     * Not yet: the message holds {@code ticket} in its lane, which it presents again after {@code delay}, about when
     * its turn should come ({@code turnAt}, epoch ms); {@code reason} says what it waits for ({@code RATE}: the next
     * slot; {@code LANE}: another lane's turn; or what {@link Deferred} would say).
     */
    record Queued(long ticket, long turnAt, Duration delay, String reason) implements Permit {}

    /**
     * Like {@link Queued}, but its turn is far off, behind many of its lane: the message is set aside with its
     * {@code ticket} (no pass through the queue until then), and goes back on the queue once a grant in its lane says
     * the ticket is near ({@link Granted#nearBelow}); about {@code turnAt} (epoch ms) at the latest.
     */
    record Distant(long ticket, long turnAt, String reason) implements Permit {}

    /**
     * The reason of a {@link Deferred} message whose batch was paused or cancelled since its worker last read the
     * batch's state: it should read it again now.
     */
    String LANE_CLOSED = "LANE_CLOSED";

    /** Defer the message by at least {@code delay}; the reason is for logs and metrics. */
    record Deferred(Duration delay, String reason) implements Permit {}
}
