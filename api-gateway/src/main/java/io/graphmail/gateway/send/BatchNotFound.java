package io.graphmail.gateway.send;

/** No batch has this id. */
public class BatchNotFound extends RuntimeException {

    BatchNotFound(String id) {
        super("No batch with id " + id);
    }
}
