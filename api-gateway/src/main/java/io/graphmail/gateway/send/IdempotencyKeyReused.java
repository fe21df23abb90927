package io.graphmail.gateway.send;

/** An {@code Idempotency-Key} came back with a request different from the one it first named. */
public class IdempotencyKeyReused extends RuntimeException {

    IdempotencyKeyReused() {
        super("This Idempotency-Key was already used for a different request");
    }
}
