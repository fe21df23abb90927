package io.graphmail.worker.accounts;

/**
 * No token can be had for the account until someone acts: its owner consents, or the operator
 * makes its credentials readable. Work for it waits (parked); it has not failed.
 */
public abstract sealed class AccountOnHold extends RuntimeException
        permits AccountNeedsConsent, CredentialsUnavailable {

    private final String accountId;
    private final String status;
    private final String reason;

    AccountOnHold(String accountId, String status, String reason, String message) {
        super(message);
        this.accountId = accountId;
        this.status = status;
        this.reason = reason;
    }

    /** Why, in a few words that never carry a secret. */
    public String reason() {
        return reason;
    }

    public String accountId() {
        return accountId;
    }

    /** What work waiting for the account records as its reason, e.g. {@code AWAITING_CONSENT: PENDING_CONSENT}. */
    public String holdReason() {
        return holdReason(status, reason);
    }

    /** The one format of a hold's recorded reason: the hold's status, then why. */
    public static String holdReason(String status, String reason) {
        return status + ": " + reason;
    }
}
