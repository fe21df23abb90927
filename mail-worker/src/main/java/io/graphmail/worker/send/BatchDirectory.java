package io.graphmail.worker.send;

import java.util.UUID;

/** The state of the bulk batches that commands belong to, as the gateway records it. */
interface BatchDirectory {

    enum State {
        /** Still being submitted: its messages wait, to be sent once it is ACTIVE or dropped if it is withdrawn. */
        SUBMITTING,
        ACTIVE,
        PAUSED,
        CANCELLED
    }

    /** The batch's state; ACTIVE for an unknown batch, whose messages were accepted all the same. */
    State state(UUID batchId);

    /** Like {@link #state}, read now: what is checked right before a message of the batch goes to Graph. */
    default State currentState(UUID batchId) {
        return state(batchId);
    }
}
