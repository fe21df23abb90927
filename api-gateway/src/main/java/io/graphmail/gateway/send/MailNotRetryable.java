package io.graphmail.gateway.send;

import java.util.UUID;

/** Only FAILED and DEAD_LETTERED messages can be sent again. */
public class MailNotRetryable extends RuntimeException {

    MailNotRetryable(UUID id, MailStatus status) {
        super("Message " + id + " is " + status + "; only FAILED or DEAD_LETTERED messages can be retried");
    }
}
