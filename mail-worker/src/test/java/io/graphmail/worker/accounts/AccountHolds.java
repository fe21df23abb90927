package io.graphmail.worker.accounts;

/** What the token source throws when an account is on hold, for tests of what uses it. */
public final class AccountHolds {

    private AccountHolds() {}

    public static CredentialsUnavailable credentialsUnavailable(String accountId, String reason) {
        return new CredentialsUnavailable(accountId, reason);
    }
}
