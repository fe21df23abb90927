package io.graphmail.contract;

/**
 * Names of every exchange, queue and routing key graphmail uses, defined once.
 *
 * <p>Commands flow through {@link #COMMANDS_EXCHANGE}; results through {@link #EVENTS_EXCHANGE}.
 * Anything that cannot be processed is dead-lettered to {@link #DEAD_LETTER_EXCHANGE}, a fanout
 * that keeps a copy for operators ({@link #SEND_DEAD_LETTER_QUEUE}) and tells the gateway
 * ({@link #GATEWAY_DEAD_LETTER_QUEUE}).
 */
public final class MailTopology {

    public static final String COMMANDS_EXCHANGE = "graphmail.commands";
    public static final String EVENTS_EXCHANGE = "graphmail.events";
    public static final String RETRY_EXCHANGE = "graphmail.retry";
    public static final String DEAD_LETTER_EXCHANGE = "graphmail.dead-letters";
    /**
     * Where a listener puts a message it could not handle for want of a dependency (MongoDB away): a headers exchange
     * routing by {@link #DEFER_TIER_HEADER} to a delay queue, which hands the message back, after the delay, to the
     * queue named by its routing key.
     */
    public static final String DEFER_EXCHANGE = "graphmail.defer";
    /** Prefix of the deferral delay queues, one per tier: {@code graphmail.deferred.5s}. */
    public static final String DEFERRED_QUEUE = "graphmail.deferred";
    /**
     * Header naming the deferral tier ({@code 5s}) a deferred message waits in. Not {@code x-}: a headers exchange
     * ignores binding arguments that start so, and would route every message to every tier.
     */
    public static final String DEFER_TIER_HEADER = "graphmail-defer-tier";

    /** Bulk sends: batch messages that are not {@code priority: high}. */
    public static final String SEND_ROUTING_KEY = "mail.send.v1";
    /**
     * Transactional sends (single sends, and any message with {@code priority: high}), to a queue of their own so that
     * none waits behind a batch's messages; see {@code SendMailCommand#routingKey()}.
     */
    public static final String TRANSACTIONAL_SEND_ROUTING_KEY = "mail.send.transactional.v1";

    public static final String SENT_ROUTING_KEY = "mail.sent.v1";
    public static final String FAILED_ROUTING_KEY = "mail.failed.v1";
    public static final String BOUNCED_ROUTING_KEY = "mail.bounced.v1";
    /** New mail stored by sync ({@code MailReceived}), from the workers to the gateway's webhooks. */
    public static final String RECEIVED_ROUTING_KEY = "mail.received.v1";

    public static final String CONSENT_ROUTING_KEY = "account.consent.v1";
    public static final String ACCOUNT_STATUS_ROUTING_KEY = "account.status.v1";
    public static final String ACCOUNT_REMOVED_ROUTING_KEY = "account.removed.v1";
    public static final String BATCH_STATE_ROUTING_KEY = "batch.state.v1";
    public static final String SYNC_ROUTING_KEY = "mailbox.sync.v1";
    /** Verified Graph change and lifecycle notifications, from the gateway to the workers. */
    public static final String FOLDER_NOTIFIED_ROUTING_KEY = "mailbox.notified.v1";

    /** Bulk send commands; transactional ones published before their queue existed may still be found here. */
    public static final String SEND_QUEUE = "graphmail.mail.send";
    /** Prefix of the delay queues, one per delay tier: {@code graphmail.mail.send.retry.5s.v2}. */
    public static final String SEND_RETRY_QUEUE = "graphmail.mail.send.retry";

    /**
     * Transactional send commands, consumed apart from {@link #SEND_QUEUE} with a small prefetch; and batch messages
     * whose pacing turn has come (back from a delay queue for a reserved slot, or set aside and released near their
     * turn), which behind the first passes of a large batch on {@link #SEND_QUEUE} would arrive late for it and lose
     * the slot. At most about one of those per slot of each account.
     */
    public static final String TRANSACTIONAL_SEND_QUEUE = "graphmail.mail.send.transactional";
    /** Prefix of the transactional delay queues, which hand a command back to {@link #TRANSACTIONAL_SEND_QUEUE}. */
    public static final String TRANSACTIONAL_SEND_RETRY_QUEUE = "graphmail.mail.send.transactional.retry";

    public static final String SEND_DEAD_LETTER_QUEUE = "graphmail.mail.send.dlq";
    public static final String GATEWAY_EVENTS_QUEUE = "graphmail.gateway.mail-events";
    /**
     * Where the gateway puts a result event it could not record yet (MongoDB away); the broker hands it back to
     * {@link #GATEWAY_EVENTS_QUEUE} after a few seconds.
     */
    public static final String GATEWAY_EVENTS_RETRY_QUEUE = "graphmail.gateway.mail-events.retry";

    public static final String EVENTS_DEAD_LETTER_QUEUE = "graphmail.events.dlq";
    public static final String GATEWAY_DEAD_LETTER_QUEUE = "graphmail.gateway.dead-letters";
    public static final String CONSENT_QUEUE = "graphmail.accounts.consent";
    public static final String GATEWAY_ACCOUNT_EVENTS_QUEUE = "graphmail.gateway.account-events";
    public static final String GATEWAY_RECEIVED_MAIL_QUEUE = "graphmail.gateway.received-mail";
    public static final String WORKER_ACCOUNT_EVENTS_QUEUE = "graphmail.worker.account-events";
    public static final String WORKER_BATCH_EVENTS_QUEUE = "graphmail.worker.batch-events";
    public static final String SYNC_QUEUE = "graphmail.mailbox.sync";
    public static final String SYNC_DEAD_LETTER_QUEUE = "graphmail.mailbox.sync.dlq";
    public static final String WORKER_FOLDER_NOTIFICATIONS_QUEUE = "graphmail.worker.folder-notifications";

    /**
     * Webhook deliveries, one message per (event, endpoint), which the gateway publishes and consumes; a delivery to
     * retry waits in {@link #WEBHOOK_DELIVERIES_RETRY_QUEUE} queues, one per delay tier.
     */
    public static final String WEBHOOK_DELIVERIES_QUEUE = "graphmail.webhook.deliveries";

    /** Prefix of the webhook delay queues: {@code graphmail.webhook.deliveries.retry.5s.v2}. */
    public static final String WEBHOOK_DELIVERIES_RETRY_QUEUE = "graphmail.webhook.deliveries.retry";

    /** Header carrying the human-readable reason a message was dead-lettered. */
    public static final String REASON_HEADER = "x-graphmail-reason";

    /**
     * Header carrying the correlation id of the request that caused a message (the gateway's
     * {@code X-Request-Id}), so that every log line and message that follows from it can be found.
     */
    public static final String CORRELATION_ID_HEADER = "x-correlation-id";

    private MailTopology() {}
}
