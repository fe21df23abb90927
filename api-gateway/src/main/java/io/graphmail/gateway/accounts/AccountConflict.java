package io.graphmail.gateway.accounts;

import io.graphmail.gateway.problems.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** The request does not fit the account's current state (an id taken, consent for an app account). */
public class AccountConflict extends ErrorResponseException {

    AccountConflict(String detail) {
        super(HttpStatus.CONFLICT, Problems.of(HttpStatus.CONFLICT, "account-conflict", "Conflict", detail), null);
    }
}
