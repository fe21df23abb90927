package io.graphmail.gateway.send;

import io.graphmail.gateway.mail.MailStatus;
import io.graphmail.gateway.problems.Problems;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** Only FAILED and DEAD_LETTERED messages can be sent again. */
public class MailNotRetryable extends ErrorResponseException {

    MailNotRetryable(UUID id, MailStatus status) {
        super(
                HttpStatus.CONFLICT,
                Problems.of(
                        HttpStatus.CONFLICT,
                        "not-retryable",
                        "Not retryable",
                        "Message " + id + " is " + status + "; only FAILED or DEAD_LETTERED messages can be retried"),
                null);
    }
}
