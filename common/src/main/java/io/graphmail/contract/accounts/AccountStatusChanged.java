package io.graphmail.contract.accounts;

import java.time.Instant;
import java.util.UUID;

/**
 * A worker learned something about an account's ability to get tokens. Published by workers; the
 * gateway, which owns accounts, records it.
 *
 * @param eventId unique per event
 * @param accountId the account
 * @param status {@code ACTIVE}, {@code CONSENT_EXPIRED}, {@code CONSENT_FAILED}, {@code REAUTH_REQUIRED} or
 *     {@code CREDENTIALS_UNAVAILABLE}
 * @param mailbox the mailbox the tokens are for, when learned from a consent; otherwise {@code null}
 * @param reason the identity platform's error code, why credentials are unavailable, or {@code null}
 * @param changedAt when it was learned
 */
public record AccountStatusChanged(
        UUID eventId, String accountId, String status, String mailbox, String reason, Instant changedAt) {}
