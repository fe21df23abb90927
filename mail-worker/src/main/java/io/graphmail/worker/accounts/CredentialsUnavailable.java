package io.graphmail.worker.accounts;

/**
 * The application account's client secret cannot be read: its alias is not configured, its
 * environment variable is not set, or its file is missing, unreadable or too large. Work for it
 * waits until the operator fixes that; it has not failed.
 */
public final class CredentialsUnavailable extends AccountOnHold {

    public static final String STATUS = "CREDENTIALS_UNAVAILABLE";

    /** @param reason what is wrong, naming the alias at most (never a path or the secret) */
    public CredentialsUnavailable(String accountId, String reason) {
        super(accountId, STATUS, reason, "Account " + accountId + " has no usable credentials: " + reason);
    }
}
