package io.graphmail.gateway.messaging;

import static io.graphmail.contract.MailTopology.EVENTS_DEAD_LETTER_QUEUE;
import static io.graphmail.contract.MailTopology.GATEWAY_DEAD_LETTER_QUEUE;
import static io.graphmail.contract.MailTopology.GATEWAY_EVENTS_QUEUE;
import static io.graphmail.contract.MailTopology.SEND_DEAD_LETTER_QUEUE;
import static io.graphmail.contract.MailTopology.SEND_QUEUE;
import static io.graphmail.contract.MailTopology.SYNC_DEAD_LETTER_QUEUE;
import static io.graphmail.contract.MailTopology.SYNC_QUEUE;
import static io.graphmail.contract.MailTopology.TRANSACTIONAL_SEND_QUEUE;
import static io.graphmail.contract.MailTopology.WEBHOOK_DELIVERIES_QUEUE;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code graphmail_queue_messages{queue}} (ready messages) and {@code graphmail_queue_consumers{queue}}: the depth and
 * consumers of the main queues as the gateway sees them, for deployments that scale or alert without
 * RabbitMQ's own Prometheus plugin. Read from the broker on a schedule, never during a scrape; while
 * the broker cannot be asked the series disappear rather than show stale numbers.
 */
@Component
class QueueDepthMetrics {

    static final List<String> QUEUES = List.of(
            SEND_QUEUE,
            TRANSACTIONAL_SEND_QUEUE,
            EVENTS_DEAD_LETTER_QUEUE,
            SEND_DEAD_LETTER_QUEUE,
            SYNC_QUEUE,
            SYNC_DEAD_LETTER_QUEUE,
            GATEWAY_EVENTS_QUEUE,
            GATEWAY_DEAD_LETTER_QUEUE,
            WEBHOOK_DELIVERIES_QUEUE);

    private static final Logger log = LoggerFactory.getLogger(QueueDepthMetrics.class);

    private final AmqpAdmin admin;
    private final MultiGauge messages;
    private final MultiGauge consumers;

    QueueDepthMetrics(AmqpAdmin admin, MeterRegistry meterRegistry) {
        this.admin = admin;
        this.messages = MultiGauge.builder("graphmail.queue.messages")
                .description("Messages ready in the queue (not counting those a consumer holds)")
                .register(meterRegistry);
        this.consumers = MultiGauge.builder("graphmail.queue.consumers")
                .description("Consumers on the queue")
                .register(meterRegistry);
    }

    @Scheduled(
            initialDelayString = "${graphmail.messaging.queue-depth-refresh:15s}",
            fixedDelayString = "${graphmail.messaging.queue-depth-refresh:15s}")
    void refresh() {
        var messageRows = new ArrayList<MultiGauge.Row<?>>();
        var consumerRows = new ArrayList<MultiGauge.Row<?>>();
        try {
            for (String queue : QUEUES) {
                var info = admin.getQueueInfo(queue);
                if (info != null) {
                    messageRows.add(MultiGauge.Row.of(Tags.of("queue", queue), info.getMessageCount()));
                    consumerRows.add(MultiGauge.Row.of(Tags.of("queue", queue), info.getConsumerCount()));
                }
            }
        } catch (AmqpException unreachable) {
            log.debug("Queue depths unavailable: {}", unreachable.getMessage());
            messageRows.clear();
            consumerRows.clear();
        }
        messages.register(messageRows, true);
        consumers.register(consumerRows, true);
    }
}
