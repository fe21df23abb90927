package io.graphmail.gateway.send;

import java.util.UUID;

/** No message with this id was submitted. */
public class MailNotFound extends RuntimeException {

    MailNotFound(UUID id) {
        super("No message with id " + id);
    }
}
