package io.graphmail.worker.pacing;

import java.time.Duration;

/**
 * How a message told to come back for its turn ({@link Permit.Queued}) waits for it. The delay queues return it late:
 * by up to their shortest tier ({@value #SHORTEST_TIER_MS} ms) for a turn that is not a whole tier away, and by the way
 * back through the broker and the send queue. A slot taken late is lost: the log of the last minute counts the send
 * from then, so the same slot a minute later is late too. So a message is sent round the delay queues to come back
 * {@value #EARLY_MS} ms before its turn, and a turn at most {@value #IN_PROCESS_MS} ms away is waited for in-process.
 */
final class TurnWait {

    static final long SHORTEST_TIER_MS = 250;
    static final long EARLY_MS = 250;
    static final long IN_PROCESS_MS = SHORTEST_TIER_MS + 50;

    private TurnWait() {}

    /** How long to wait in-process before asking again, or {@code null}: the turn is too far off for that. */
    static Duration inProcess(Permit permit) {
        return permit instanceof Permit.Queued queued && queued.delay().toMillis() <= IN_PROCESS_MS
                ? queued.delay()
                : null;
    }

    /** The permit with its delay shortened so that the delay queues bring the message back before its turn. */
    static Permit early(Permit permit) {
        if (permit instanceof Permit.Queued queued) {
            long delay = Math.max(1, queued.delay().toMillis() - EARLY_MS);
            return new Permit.Queued(queued.ticket(), queued.turnAt(), Duration.ofMillis(delay), queued.reason());
        }
        return permit;
    }
}
