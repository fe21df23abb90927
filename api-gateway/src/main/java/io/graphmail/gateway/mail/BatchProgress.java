package io.graphmail.gateway.mail;

/** Told when messages of a batch reach a final status, so that the batch can end once all of its messages have. */
public interface BatchProgress {

    /** One message reached its final status; the batch may be checked a moment later, with others. */
    void messageFinished(String batchId);

    /** Every message of the batch may be final already (none was left to send): check now. */
    default void mayHaveFinished(String batchId) {
        messageFinished(batchId);
    }
}
