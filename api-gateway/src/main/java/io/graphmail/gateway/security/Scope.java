package io.graphmail.gateway.security;

import java.util.Arrays;
import java.util.Optional;

/** What an API client may do. Each operation of the API needs exactly one scope; {@link #ADMIN} implies all. */
public enum Scope {
    /** Send mail (single, batch, legacy), upload attachments, retry and control its own batches. */
    MAIL_SEND("mail:send"),
    /** Read the status of its own mail, batches and uploads. */
    MAIL_READ("mail:read"),
    /** Read the accounts it may use. */
    ACCOUNTS_READ("accounts:read"),
    /** Register, remove and consent accounts. */
    ACCOUNTS_MANAGE("accounts:manage"),
    /** Read synced mailboxes (messages, attachments) of the accounts it may use, and request syncs. */
    MAILBOX_READ("mailbox:read"),
    /** Read its own webhook endpoints and their delivery logs. */
    WEBHOOKS_READ("webhooks:read"),
    /** Register, change, remove its own webhook endpoints, rotate their secrets and replay deliveries. */
    WEBHOOKS_WRITE("webhooks:write"),
    /** Manage API keys, see every client's objects and replay every dead letter. */
    ADMIN("admin");

    private final String value;

    Scope(String value) {
        this.value = value;
    }

    /** As written in configuration, keys and problems: {@code mail:send}. */
    public String value() {
        return value;
    }

    public String authority() {
        return "SCOPE_" + value;
    }

    public static Optional<Scope> parse(String value) {
        return Arrays.stream(values())
                .filter(scope -> scope.value.equals(value))
                .findFirst();
    }
}
