package io.graphmail.worker.accounts;

/** Hands out bearer tokens for calling Microsoft Graph on behalf of an account. */
public interface TokenSource {

    /** A currently valid access token for the account's mailbox. */
    String accessToken(String accountId);
}
