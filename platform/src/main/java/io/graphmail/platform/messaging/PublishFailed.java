package io.graphmail.platform.messaging;

/** The broker did not take responsibility for a message: it may not have been stored. */
public class PublishFailed extends RuntimeException {

    public PublishFailed(String message) {
        super(message);
    }

    public PublishFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
