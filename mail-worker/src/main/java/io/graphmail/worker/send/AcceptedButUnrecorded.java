package io.graphmail.worker.send;

import io.graphmail.worker.graph.GraphDrafts;
import java.time.Instant;

/**
 * Graph accepted the message, but the delivery could not be recorded as sent (MongoDB away). The command must come
 * back carrying that knowledge, so that it is recorded as sent rather than sent again, or left to an in-flight lease
 * and a lookup (and, for a message that keeps no copy in Sent Items, failed as OUTCOME_UNKNOWN).
 */
final class AcceptedButUnrecorded extends RuntimeException {

    private final Instant sentAt;
    private final transient GraphDrafts.Draft draft;

    /** @param draft the draft that went out, {@code null} if none */
    AcceptedButUnrecorded(Instant sentAt, GraphDrafts.Draft draft, RuntimeException cause) {
        super("Graph accepted the message at " + sentAt + " but it could not be recorded", cause);
        this.sentAt = sentAt;
        this.draft = draft;
    }

    Instant sentAt() {
        return sentAt;
    }

    GraphDrafts.Draft draft() {
        return draft;
    }
}
