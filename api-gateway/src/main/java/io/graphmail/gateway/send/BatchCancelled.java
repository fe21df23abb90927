package io.graphmail.gateway.send;

/** A cancelled batch cannot be paused or resumed. */
public class BatchCancelled extends RuntimeException {

    BatchCancelled(String id) {
        super("Batch " + id + " was cancelled");
    }
}
