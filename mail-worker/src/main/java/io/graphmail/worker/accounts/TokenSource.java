package io.graphmail.worker.accounts;

/** Hands out bearer tokens for calling Microsoft Graph on behalf of an account. */
public interface TokenSource {

    /**
     * A currently valid access token for the account.
     *
     * @throws AccountNeedsConsent if the account's owner must consent first
     * @throws CredentialsUnavailable if the application account's secret cannot be read
     */
    String accessToken(String accountId);

    /** Whether the account's owner must consent before any token can be had. */
    boolean needsConsent(String accountId);

    /** Whether the application account's secret cannot be read now. */
    boolean credentialsUnavailable(String accountId);

    /** Graph refused the last token: forget it and refresh on the next call. */
    void invalidate(String accountId);
}
