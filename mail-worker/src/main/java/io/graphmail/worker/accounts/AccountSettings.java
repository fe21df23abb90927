package io.graphmail.worker.accounts;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The worker's read-only view of an account, from the gateway's {@code accounts} collection
 * (the gateway is its only writer).
 *
 * @param id the account id that commands name
 * @param type {@code DELEGATED} (device code flow, Graph's {@code /me}) or {@code APPLICATION}
 *     (client credentials, Graph's {@code /users/{mailbox}})
 * @param mailbox the mailbox address; for delegated accounts known once consented
 * @param tenant the authority's tenant segment: {@code consumers}, {@code organizations} or a tenant id
 * @param clientId the Azure app registration's client id
 * @param clientSecretRef the alias of the client secret the operator configured
 *     ({@code graphmail.accounts.secrets.<alias>})
 * @param limits the account's own sending limits, or {@code null} for the defaults
 * @param status the gateway's record of whether tokens can be had, e.g. {@code ACTIVE}
 */
@Document("accounts")
public record AccountSettings(
        @Id String id,
        Type type,
        String mailbox,
        String tenant,
        String clientId,
        String clientSecretRef,
        SendingLimits limits,
        String status) {

    /** Per-account limits; each null keeps the worker's default. */
    public record SendingLimits(Integer messagesPerMinute, Integer recipientsPerDay, Integer maxConcurrent) {}

    public enum Type {
        DELEGATED,
        APPLICATION
    }

    public boolean isDelegated() {
        return type == Type.DELEGATED;
    }

    /** A personal Microsoft account (Outlook.com): delegated, signed in at the {@code consumers} tenant. */
    public boolean isPersonal() {
        return isDelegated() && "consumers".equalsIgnoreCase(tenant);
    }
}
