package io.graphmail.gateway.accounts;

import io.graphmail.gateway.security.ApiClient;
import io.graphmail.gateway.security.Scope;
import java.time.Instant;
import java.util.Locale;

/** What the API shows of an account; a secret reference is the alias the operator gave the secret, never the secret. */
record AccountView(
        String id,
        String type,
        String mailbox,
        String tenant,
        String clientId,
        String clientSecretRef,
        SendingLimits limits,
        AccountStatus status,
        String statusReason,
        Instant createdAt,
        Instant updatedAt) {

    /** The secret reference is shown only to clients that manage accounts. */
    static AccountView of(Account account, ApiClient client) {
        return new AccountView(
                account.id(),
                account.type().name().toLowerCase(Locale.ROOT),
                account.mailbox(),
                account.tenant(),
                account.clientId(),
                client.has(Scope.ACCOUNTS_MANAGE) ? account.clientSecretRef() : null,
                account.limits(),
                account.status(),
                account.statusReason(),
                account.createdAt(),
                account.updatedAt());
    }
}
