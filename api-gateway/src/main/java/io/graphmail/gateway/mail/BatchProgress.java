package io.graphmail.gateway.mail;

/** Told when a message of a batch reaches a final status, so that the batch can end once all of its messages have. */
public interface BatchProgress {

    void messageFinished(String batchId);
}
