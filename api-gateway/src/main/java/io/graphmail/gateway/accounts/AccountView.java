package io.graphmail.gateway.accounts;

import java.time.Instant;

/** What the API shows of an account; a secret reference is the alias the operator gave the secret, never the secret. */
record AccountView(
        String id,
        String type,
        String mailbox,
        String tenant,
        String clientId,
        String clientSecretRef,
        RegisterAccountRequest.SendingLimits limits,
        AccountStatus status,
        String statusReason,
        Instant createdAt,
        Instant updatedAt) {

    static AccountView of(Account account) {
        return new AccountView(
                account.id(),
                account.type().name().toLowerCase(java.util.Locale.ROOT),
                account.mailbox(),
                account.tenant(),
                account.clientId(),
                account.clientSecretRef(),
                account.limits(),
                account.status(),
                account.statusReason(),
                account.createdAt(),
                account.updatedAt());
    }
}
