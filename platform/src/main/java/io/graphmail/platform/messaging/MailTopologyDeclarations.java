package io.graphmail.platform.messaging;

import static io.graphmail.contract.MailTopology.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;

/**
 * The whole broker topology, declared identically by every service on start, so that whichever
 * starts first, nothing it publishes is unroutable.
 */
public final class MailTopologyDeclarations {

    /** Redeliveries of one message (for example after a crash) before the broker dead-letters it. */
    static final int DELIVERY_LIMIT = 10;

    /** How long a result event the gateway could not record yet waits before it is delivered again. */
    static final Duration EVENT_RETRY_DELAY = Duration.ofSeconds(5);

    private MailTopologyDeclarations() {}

    public static Declarables all() {
        var commands = new TopicExchange(COMMANDS_EXCHANGE);
        var events = new TopicExchange(EVENTS_EXCHANGE);
        var retry = new DirectExchange(RETRY_EXCHANGE);
        var deadLetters = new FanoutExchange(DEAD_LETTER_EXCHANGE);

        Queue send =
                workQueue(SEND_QUEUE).deadLetterExchange(DEAD_LETTER_EXCHANGE).build();
        Queue transactionalSend = workQueue(TRANSACTIONAL_SEND_QUEUE)
                .deadLetterExchange(DEAD_LETTER_EXCHANGE)
                .build();
        Queue sendDeadLetters = deadLetterQueue(SEND_DEAD_LETTER_QUEUE);
        Queue gatewayEvents = deadLetteringTo(GATEWAY_EVENTS_QUEUE, EVENTS_DEAD_LETTER_QUEUE);
        Queue gatewayEventsRetry = atLeastOnceDeadLettering(GATEWAY_EVENTS_RETRY_QUEUE)
                .ttl((int) EVENT_RETRY_DELAY.toMillis())
                .deadLetterExchange("")
                .deadLetterRoutingKey(GATEWAY_EVENTS_QUEUE)
                .build();
        Queue gatewayEventDeadLetters = deadLetterQueue(EVENTS_DEAD_LETTER_QUEUE);
        Queue gatewayDeadLetters = deadLetteringTo(GATEWAY_DEAD_LETTER_QUEUE, EVENTS_DEAD_LETTER_QUEUE);

        Queue consent = workQueue(CONSENT_QUEUE)
                .deadLetterExchange(DEAD_LETTER_EXCHANGE)
                .build();
        Queue gatewayAccountEvents = deadLetteringTo(GATEWAY_ACCOUNT_EVENTS_QUEUE, EVENTS_DEAD_LETTER_QUEUE);
        Queue workerAccountEvents = deadLetteringTo(WORKER_ACCOUNT_EVENTS_QUEUE, EVENTS_DEAD_LETTER_QUEUE);
        Queue gatewayReceivedMail = deadLetteringTo(GATEWAY_RECEIVED_MAIL_QUEUE, EVENTS_DEAD_LETTER_QUEUE);

        Queue workerBatchEvents = deadLetteringTo(WORKER_BATCH_EVENTS_QUEUE, EVENTS_DEAD_LETTER_QUEUE);

        Queue sync = deadLetteringTo(SYNC_QUEUE, SYNC_DEAD_LETTER_QUEUE);
        Queue syncDeadLetters = deadLetterQueue(SYNC_DEAD_LETTER_QUEUE);

        Queue folderNotifications = deadLetteringTo(WORKER_FOLDER_NOTIFICATIONS_QUEUE, EVENTS_DEAD_LETTER_QUEUE);

        var declarables = new ArrayList<Declarable>();
        for (RetryTier tier : RetryTier.values()) {
            Queue delay = sendDelayQueue(tier.queue(), tier, SEND_ROUTING_KEY);
            declarables.add(delay);
            declarables.add(BindingBuilder.bind(delay).to(retry).with(tier.routingKey()));
            Queue transactionalDelay = sendDelayQueue(tier.transactionalQueue(), tier, TRANSACTIONAL_SEND_ROUTING_KEY);
            declarables.add(transactionalDelay);
            declarables.add(BindingBuilder.bind(transactionalDelay).to(retry).with(tier.transactionalRoutingKey()));
            // Webhook retries wait in queues of their own, published to through the default exchange.
            declarables.add(atLeastOnceDeadLettering(tier.queue(WEBHOOK_DELIVERIES_RETRY_QUEUE))
                    .ttl((int) tier.delay().toMillis())
                    .deadLetterExchange("")
                    .deadLetterRoutingKey(WEBHOOK_DELIVERIES_QUEUE)
                    .build());
        }
        declarables.add(workQueue(WEBHOOK_DELIVERIES_QUEUE)
                .deadLetterExchange("")
                .deadLetterRoutingKey(EVENTS_DEAD_LETTER_QUEUE)
                .build());

        declarables.addAll(DeferralTopology.declarables());

        declarables.addAll(List.of(
                sync,
                syncDeadLetters,
                BindingBuilder.bind(sync).to(commands).with(SYNC_ROUTING_KEY),
                folderNotifications,
                eventBinding(folderNotifications, events, FOLDER_NOTIFIED_ROUTING_KEY),
                workerBatchEvents,
                eventBinding(workerBatchEvents, events, BATCH_STATE_ROUTING_KEY),
                consent,
                gatewayAccountEvents,
                workerAccountEvents,
                BindingBuilder.bind(consent).to(commands).with(CONSENT_ROUTING_KEY),
                eventBinding(gatewayAccountEvents, events, ACCOUNT_STATUS_ROUTING_KEY),
                eventBinding(workerAccountEvents, events, ACCOUNT_REMOVED_ROUTING_KEY),
                gatewayReceivedMail,
                eventBinding(gatewayReceivedMail, events, RECEIVED_ROUTING_KEY),
                commands,
                events,
                retry,
                deadLetters,
                send,
                sendDeadLetters,
                gatewayEvents,
                gatewayEventsRetry,
                gatewayEventDeadLetters,
                gatewayDeadLetters,
                BindingBuilder.bind(send).to(commands).with(SEND_ROUTING_KEY),
                transactionalSend,
                BindingBuilder.bind(transactionalSend).to(commands).with(TRANSACTIONAL_SEND_ROUTING_KEY),
                BindingBuilder.bind(sendDeadLetters).to(deadLetters),
                BindingBuilder.bind(gatewayDeadLetters).to(deadLetters),
                eventBinding(gatewayEvents, events, SENT_ROUTING_KEY),
                eventBinding(gatewayEvents, events, FAILED_ROUTING_KEY),
                eventBinding(gatewayEvents, events, BOUNCED_ROUTING_KEY)));
        return new Declarables(declarables);
    }

    /** A delay queue of the send path: it hands each command back, once its TTL ends, to the queue {@code sendKey} names. */
    private static Queue sendDelayQueue(String name, RetryTier tier, String sendKey) {
        return atLeastOnceDeadLettering(name)
                .ttl((int) tier.delay().toMillis())
                .deadLetterExchange(COMMANDS_EXCHANGE)
                .deadLetterRoutingKey(sendKey)
                .build();
    }

    /** A work queue whose rejected messages go straight to {@code deadLetterQueue} through the default exchange. */
    private static Queue deadLetteringTo(String name, String deadLetterQueue) {
        return workQueue(name)
                .deadLetterExchange("")
                .deadLetterRoutingKey(deadLetterQueue)
                .build();
    }

    private static Queue deadLetterQueue(String name) {
        return QueueBuilder.durable(name).quorum().build();
    }

    private static QueueBuilder workQueue(String name) {
        return atLeastOnceDeadLettering(name).deliveryLimit(DELIVERY_LIMIT);
    }

    /*
     * Quorum queues survive a node loss; at-least-once dead-lettering (which needs reject-publish)
     * keeps a dead-lettered message in its queue until the target queue has confirmed it, so that
     * nothing is dropped when the target cannot take it yet (for example while the broker restarts:
     * a classic delay queue expired its messages into a send queue that was not back yet and lost them).
     */
    static QueueBuilder atLeastOnceDeadLettering(String name) {
        return QueueBuilder.durable(name)
                .quorum()
                .overflow(QueueBuilder.Overflow.rejectPublish)
                .withArgument("x-dead-letter-strategy", "at-least-once");
    }

    private static Binding eventBinding(Queue queue, TopicExchange exchange, String routingKey) {
        return BindingBuilder.bind(queue).to(exchange).with(routingKey);
    }
}
