package io.graphmail.gateway.accounts;

import io.graphmail.gateway.problems.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** No account has this id. */
public class AccountNotFound extends ErrorResponseException {

    public AccountNotFound(String id) {
        super(
                HttpStatus.NOT_FOUND,
                Problems.of(HttpStatus.NOT_FOUND, "account-not-found", "Account not found", "No account with id " + id),
                null);
    }
}
