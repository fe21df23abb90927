package io.graphmail.worker.send;

import io.graphmail.worker.send.parking.Hold;
import java.time.Duration;

/** What the messaging edge must do with a command once the use case is done with it, and what led there. */
sealed interface Outcome {

    /** What led to the outcome, as far as the metrics tell. */
    Cause cause();

    /** Acknowledge: the command is finished, or another delivery of it is. */
    record Done(Cause cause) implements Outcome {}

    /**
     * Put the command back on the queue after {@code delay}; {@code forItsTurn}: it holds a reserved slot of its
     * account's pacing and comes back for it, through the transactional queue, so that it does not arrive late behind
     * the batch messages queued meanwhile.
     */
    record RetryLater(Duration delay, Cause cause, boolean forItsTurn) implements Outcome {

        RetryLater(Duration delay, Cause cause) {
            this(delay, cause, false);
        }
    }

    /** Acknowledge: the command is set aside until {@code hold} ends, and goes back on the queue then. */
    record Parked(Hold hold) implements Outcome {
        @Override
        public Cause cause() {
            return hold instanceof Hold.Paced ? new Cause.Paced("PARKED") : new Cause.None();
        }
    }

    /** Give up and move the command to the dead-letter queue. */
    record DeadLetter(String reason, Cause cause) implements Outcome {}

    static Outcome done() {
        return new Done(new Cause.None());
    }

    static Outcome retryLater(Duration delay) {
        return new RetryLater(delay, new Cause.None());
    }

    sealed interface Cause {

        /** Nothing to count. */
        record None() implements Cause {}

        /**
         * Graph accepted the message. {@code graphRequests} is 0 when an earlier delivery had it accepted and this one
         * only records it; {@code sentEarlier} that this delivery found it already sent.
         */
        record Sent(String accountId, int graphRequests, boolean sentEarlier) implements Cause {}

        /** The account's pacing held the message back, for {@code reason} (e.g. {@code RATE}). */
        record Paced(String reason) implements Cause {}

        /** Graph answered 429 and asked for {@code retryAfter}. */
        record Throttled(String accountId, Duration retryAfter) implements Cause {}

        /** Graph refused the message or could not be reached ({@code code}); permanent unless it will be retried. */
        record GraphFailed(String code, boolean permanent) implements Cause {}
    }
}
