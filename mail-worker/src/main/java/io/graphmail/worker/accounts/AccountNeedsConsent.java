package io.graphmail.worker.accounts;

/**
 * No token can be had for the account until its owner consents (again): it was never consented,
 * or its refresh token expired or was revoked. Work for it waits; it has not failed.
 */
public final class AccountNeedsConsent extends AccountOnHold {

    public static final String HOLD = "AWAITING_CONSENT";

    /** @param reason {@code PENDING_CONSENT}, {@code REAUTH_REQUIRED} or the identity platform's error code */
    public AccountNeedsConsent(String accountId, String reason) {
        super(accountId, HOLD, reason, "Account " + accountId + " needs consent: " + reason);
    }
}
