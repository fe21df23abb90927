package io.graphmail.contract.accounts;

import java.time.Instant;

/**
 * What the account's owner needs to consent: enter {@code userCode} at {@code verificationUri}
 * before {@code expiresAt}. {@code error} is set instead when the flow could not start.
 *
 * @param accountId the account
 * @param userCode the code to enter
 * @param verificationUri where to enter it
 * @param expiresAt when the code stops working
 * @param message the identity platform's instructions for the user
 * @param error why no flow could be started, or {@code null}
 */
public record ConsentStarted(
        String accountId, String userCode, String verificationUri, Instant expiresAt, String message, String error) {}
