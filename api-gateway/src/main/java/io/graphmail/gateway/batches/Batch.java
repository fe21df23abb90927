package io.graphmail.gateway.batches;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A batch of messages submitted together. Written by the gateway only; workers read its state.
 *
 * @param client the API client that submitted it; only it (and admins) can see or act on it
 * @param withdrawnAt when its submission failed or was abandoned and it was withdrawn (CANCELLED, its records
 *     removed); {@code null} for a batch that was accepted, even if it was cancelled later
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
        Instant withdrawnAt) {

    @PersistenceCreator
    Batch {}

    Batch(String id, String accountId, State state, int total, Instant createdAt, Instant sendAt, String client) {
        this(id, accountId, state, total, createdAt, sendAt, client, null);
    }

    boolean withdrawn() {
        return withdrawnAt != null;
    }

    Batch in(State to) {
        return new Batch(id, accountId, to, total, createdAt, sendAt, client, withdrawnAt);
    }

    enum State {
        /**
         * Being submitted: workers hold back its messages until it is ACTIVE, and the sweeper leaves its records
         * alone. A submission that fails is withdrawn (CANCELLED, its messages removed), so nothing of it is ever
         * sent; one whose gateway stopped is resumed by a retry with the same {@code Idempotency-Key}, or withdrawn
         * once abandoned.
         */
        SUBMITTING,
        ACTIVE,
        /** Nothing more is sent until it is resumed. */
        PAUSED,
        /** Nothing more is sent, ever. */
        CANCELLED
    }
}
