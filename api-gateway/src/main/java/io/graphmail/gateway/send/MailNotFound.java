package io.graphmail.gateway.send;

import io.graphmail.gateway.problems.Problems;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** No message with this id was submitted. */
public class MailNotFound extends ErrorResponseException {

    MailNotFound(UUID id) {
        super(
                HttpStatus.NOT_FOUND,
                Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", "No message with id " + id),
                null);
    }
}
