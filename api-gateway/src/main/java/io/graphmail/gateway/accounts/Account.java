package io.graphmail.gateway.accounts;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A mailbox graphmail may act for. Written by the gateway only; workers read it to get tokens.
 *
 * @param tenant the authority's tenant segment: {@code consumers}, {@code organizations} or a tenant id
 * @param clientSecretRef the alias of an application account's client secret, as the operator
 *     configured it ({@code graphmail.accounts.secrets.<alias>}); the secret itself is never stored
 * @param owner the API client that registered it; it and clients granted the account may use it
 */
@Document("accounts")
record Account(
        @Id String id,
        AccountType type,
        String mailbox,
        String tenant,
        String clientId,
        String clientSecretRef,
        SendingLimits limits,
        @Indexed AccountStatus status,
        String statusReason,
        Instant createdAt,
        Instant updatedAt,
        @Indexed String owner) {

    boolean isPersonal() {
        return AccountType.isPersonal(type, tenant);
    }
}
