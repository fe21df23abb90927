package io.graphmail.worker.accounts.tokens;

import io.graphmail.worker.accounts.AccountNeedsConsent;
import io.graphmail.worker.accounts.CredentialsUnavailable;

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

    /**
     * Graph answered {@code 403 ErrorAccessDenied}: the account's token lacks a permission graphmail needs (it was
     * consented to with fewer scopes than asked for). A delegated account then needs its owner to consent again
     * ({@code REAUTH_REQUIRED}, reason {@value #MISSING_PERMISSION}) and this returns true; an application account's
     * permissions are an admin's to grant, so nothing changes and this returns false.
     */
    boolean permissionMissing(String accountId);

    /** Why a delegated account needs consent again when its token lacks a permission. */
    String MISSING_PERMISSION = "MISSING_PERMISSION";
}
