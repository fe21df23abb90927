package io.graphmail.worker.accounts;

/**
 * No token can be had for the account until its owner consents (again): it was never consented,
 * or its refresh token expired or was revoked. Work for it waits; it has not failed.
 */
public class AccountNeedsConsent extends RuntimeException {

    private final String accountId;
    private final String reason;

    public AccountNeedsConsent(String accountId, String reason) {
        super("Account " + accountId + " needs consent: " + reason);
        this.accountId = accountId;
        this.reason = reason;
    }

    /** {@code PENDING_CONSENT}, {@code REAUTH_REQUIRED} or the identity platform's error code. */
    public String reason() {
        return reason;
    }

    public String accountId() {
        return accountId;
    }
}
