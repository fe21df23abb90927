package io.graphmail.gateway.accounts;

import java.time.Instant;

/** What the account's owner must do: open {@code verificationUri} and enter {@code userCode}. */
record ConsentView(String accountId, String userCode, String verificationUri, Instant expiresAt, String message) {}
