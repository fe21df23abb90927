package io.graphmail.gateway.accounts;

/** No account has this id. */
public class AccountNotFound extends RuntimeException {

    public AccountNotFound(String id) {
        super("No account with id " + id);
    }
}
