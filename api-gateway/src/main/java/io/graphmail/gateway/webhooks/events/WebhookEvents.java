package io.graphmail.gateway.webhooks.events;

import java.util.Set;

/** The event types endpoints can subscribe to. */
public final class WebhookEvents {

    static final String MAIL_SENT = "mail.sent";
    static final String MAIL_FAILED = "mail.failed";
    static final String MAIL_DEAD_LETTERED = "mail.dead_lettered";
    static final String MAIL_BOUNCED = "mail.bounced";
    static final String BATCH_COMPLETED = "batch.completed";
    static final String ACCOUNT_ACTIVATED = "account.activated";
    static final String ACCOUNT_REAUTH_REQUIRED = "account.reauth_required";
    static final String MESSAGE_RECEIVED = "message.received";

    public static final Set<String> TYPES = Set.of(
            MAIL_SENT,
            MAIL_FAILED,
            MAIL_DEAD_LETTERED,
            MAIL_BOUNCED,
            BATCH_COMPLETED,
            ACCOUNT_ACTIVATED,
            ACCOUNT_REAUTH_REQUIRED,
            MESSAGE_RECEIVED);

    private WebhookEvents() {}
}
