package io.graphmail.worker.send;

import java.time.Instant;

/**
 * Graph accepted the message, but the delivery could not be recorded as sent (MongoDB away). The command must come
 * back carrying that knowledge, so that it is recorded as sent rather than sent again, or left to an in-flight lease
 * and a lookup (and, for a message that keeps no copy in Sent Items, failed as OUTCOME_UNKNOWN).
 */
final class AcceptedButUnrecorded extends RuntimeException {

    private final Instant sentAt;

    AcceptedButUnrecorded(Instant sentAt, RuntimeException cause) {
        super("Graph accepted the message at " + sentAt + " but it could not be recorded", cause);
        this.sentAt = sentAt;
    }

    Instant sentAt() {
        return sentAt;
    }
}
