package io.graphmail.gateway.accounts;

/** The request does not fit the account's current state (an id taken, consent for an app account). */
public class AccountConflict extends RuntimeException {

    AccountConflict(String message) {
        super(message);
    }
}
