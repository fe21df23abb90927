package io.graphmail.gateway.batches;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A batch of messages submitted together. Written by the gateway only; workers read its state.
 *
 * @param client the API client that submitted it; only it (and admins) can see or act on it
 * @param withdrawnAt when its submission failed or was abandoned and it was withdrawn (CANCELLED, its records
 *     removed); {@code null} for a batch that was accepted, even if it was cancelled later
 * @param completedAt when the last of its messages reached a final status: it is COMPLETED then, or stays CANCELLED
 */
@Document("batches")
record Batch(
        @Id String id,
        String accountId,
        State state,
        int total,
        Instant createdAt,
        Instant sendAt,
        String client,
        Instant withdrawnAt,
        Instant completedAt) {

    @PersistenceCreator
    Batch {}

    Batch(String id, String accountId, State state, int total, Instant createdAt, Instant sendAt, String client) {
        this(id, accountId, state, total, createdAt, sendAt, client, null, null);
    }

    boolean withdrawn() {
        return withdrawnAt != null;
    }

    Batch in(State to) {
        return new Batch(id, accountId, to, total, createdAt, sendAt, client, withdrawnAt, completedAt);
    }

    /** What an accepted batch is once its submission ends, or once it is resumed: SCHEDULED until its sendAt. */
    static State runningState(Instant sendAt, Instant now) {
        return sendAt != null && sendAt.isAfter(now) ? State.SCHEDULED : State.ACTIVE;
    }

    /**
     * {@code SUBMITTING → SCHEDULED → ACTIVE → COMPLETED}, with {@code PAUSED} and {@code CANCELLED} on the side. Each
     * change is a conditional update from the states {@link #from} names, so concurrent gateways agree on one outcome.
     */
    enum State {
        /**
         * Being submitted: workers hold back its messages until it is ACTIVE, and the sweeper leaves its records
         * alone. A submission that fails is withdrawn (CANCELLED, its messages removed), so nothing of it is ever
         * sent; one whose gateway stopped is resumed by a retry with the same {@code Idempotency-Key}, or withdrawn
         * once abandoned.
         */
        SUBMITTING,
        /** Accepted, waiting for its {@code sendAt}; ACTIVE from then on. */
        SCHEDULED,
        ACTIVE,
        /** Nothing more is sent until it is resumed. */
        PAUSED,
        /** Nothing more is sent, ever. */
        CANCELLED,
        /** Every message reached a final status ({@code completedAt} says when). */
        COMPLETED;

        /** The states a batch may move to this one from; the target itself where repeating the change is harmless. */
        Set<State> from() {
            return switch (this) {
                case SUBMITTING -> EnumSet.noneOf(State.class);
                // Resuming; a submission ends in Batches.activate, never by a resume.
                case SCHEDULED, ACTIVE -> EnumSet.of(SCHEDULED, ACTIVE, PAUSED);
                case PAUSED, CANCELLED -> EnumSet.of(SUBMITTING, SCHEDULED, ACTIVE, PAUSED);
                case COMPLETED -> EnumSet.of(SCHEDULED, ACTIVE, PAUSED);
            };
        }

        /** No change leaves it. */
        boolean isFinal() {
            return this == CANCELLED || this == COMPLETED;
        }
    }
}
