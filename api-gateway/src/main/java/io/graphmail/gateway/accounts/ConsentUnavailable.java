package io.graphmail.gateway.accounts;

import io.graphmail.gateway.problems.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** No worker answered, or the identity platform did not issue a device code: the client may try again shortly. */
public class ConsentUnavailable extends ErrorResponseException {

    ConsentUnavailable(String detail) {
        super(
                HttpStatus.SERVICE_UNAVAILABLE,
                Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "consent-unavailable", "Consent unavailable", detail),
                null);
        getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
    }
}
