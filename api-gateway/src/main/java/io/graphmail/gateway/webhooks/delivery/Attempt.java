package io.graphmail.gateway.webhooks.delivery;

/** How one HTTP attempt to deliver an event went. */
sealed interface Attempt {

    /** A 2xx within the timeout. */
    record Delivered(int statusCode) implements Attempt {}

    /** 410 Gone: the receiver asks for no more; the endpoint is disabled. */
    record Gone() implements Attempt {}

    /** Anything else: another status, a timeout, a refused connection or target. */
    record Failed(Integer statusCode, String error) implements Attempt {}
}
