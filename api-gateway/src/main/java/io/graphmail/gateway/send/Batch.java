package io.graphmail.gateway.send;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A batch of messages submitted together. Written by the gateway only; workers read its state. */
@Document("batches")
/** @param client the API client that submitted it; only it (and admins) can see or act on it */
record Batch(
        @Id String id, String accountId, State state, int total, Instant createdAt, Instant sendAt, String client) {

    enum State {
        /**
         * Being submitted: workers hold back its messages until it is ACTIVE. A submission that fails is withdrawn
         * (CANCELLED, its messages removed), so nothing of it is ever sent.
         */
        SUBMITTING,
        ACTIVE,
        /** Nothing more is sent until it is resumed. */
        PAUSED,
        /** Nothing more is sent, ever. */
        CANCELLED
    }
}
