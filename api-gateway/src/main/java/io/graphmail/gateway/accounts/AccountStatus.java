package io.graphmail.gateway.accounts;

/** Whether graphmail can get tokens for an account. Mail for an account that is not ACTIVE waits. */
public enum AccountStatus {
    /** Registered; its owner has not consented yet. */
    PENDING_CONSENT,
    ACTIVE,
    /** The device code ran out before its owner used it. */
    CONSENT_EXPIRED,
    /** The consent did not complete for another reason (see statusReason). */
    CONSENT_FAILED,
    /** The refresh token expired or was revoked: its owner must consent again. */
    REAUTH_REQUIRED,
    /**
     * The application account's client secret cannot be read (alias not configured on the worker,
     * variable not set, file missing or too large; see statusReason): the operator must fix it.
     */
    CREDENTIALS_UNAVAILABLE
}
