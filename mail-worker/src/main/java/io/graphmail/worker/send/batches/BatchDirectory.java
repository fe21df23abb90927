package io.graphmail.worker.send.batches;

import java.util.UUID;

/** The state of the bulk batches that commands belong to, as the gateway records it. */
public interface BatchDirectory {

    enum State {
        /** Still being submitted: its messages wait, to be sent once it is ACTIVE or dropped if it is withdrawn. */
        SUBMITTING,
        /** Accepted for a later {@code sendAt}: its messages reach workers when due, and are sent like ACTIVE ones. */
        SCHEDULED,
        ACTIVE,
        PAUSED,
        CANCELLED,
        /** Every message is final: one met again (a redelivery) is sent like an ACTIVE one, never twice. */
        COMPLETED
    }

    /** The batch's state, read now; ACTIVE for an unknown batch, whose messages were accepted all the same. */
    State state(UUID batchId);

    /**
     * Like {@link #state}, or as read by a request this worker sent at most
     * {@link io.graphmail.contract.batches.BatchStateReadings#WORKER_ACTS_ON_READINGS_FOR} ago: what a message of the
     * batch is checked against when it is taken and right before it goes to Graph. The gateway answers a cancel or pause
     * only once every such reading holds the new state.
     */
    default State recentState(UUID batchId) {
        return state(batchId);
    }

    /**
     * For a batch {@link #recentState} found SUBMITTING: its state once the submission has ended, waited for a moment
     * on the caller's thread, or SUBMITTING if it has not ended by then.
     */
    default State afterSubmission(UUID batchId) {
        return recentState(batchId);
    }
}
