package io.graphmail.gateway.deadletters;

import static io.graphmail.contract.MailTopology.GATEWAY_DEAD_LETTER_QUEUE;
import static io.graphmail.contract.MailTopology.REASON_HEADER;

import io.graphmail.gateway.mail.FinalStatusMetrics;
import io.graphmail.gateway.mail.MailFinished;
import io.graphmail.gateway.mail.MailRecords;
import io.graphmail.gateway.mail.MailStatus;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Marks messages whose commands were dead-lettered, whether a worker gave up on them (with a
 * reason header) or the broker did (after too many redeliveries).
 */
@Component
class DeadLetterListener {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterListener.class);

    private final MailRecords records;
    private final FinalStatusMetrics finalStatus;
    private final MeterRegistry meterRegistry;
    private final ApplicationEventPublisher finished;

    DeadLetterListener(
            MailRecords records,
            FinalStatusMetrics finalStatus,
            MeterRegistry meterRegistry,
            ApplicationEventPublisher finished) {
        this.records = records;
        this.finished = finished;
        this.finalStatus = finalStatus;
        this.meterRegistry = meterRegistry;
    }

    @RabbitListener(id = "dead-letters", queues = GATEWAY_DEAD_LETTER_QUEUE)
    void onDeadLetter(Message message) {
        String reason = reason(message);
        meterRegistry.counter("graphmail.mail.dead_lettered.observed").increment();
        String messageId = message.getMessageProperties().getMessageId();
        UUID id = parse(messageId);
        if (id == null) {
            log.warn("Dead letter without a command id ({}); left in the dead-letter queue", reason);
            return;
        }
        log.warn("Message {} was dead-lettered: {}", id, reason);
        finalStatus.reached(MailStatus.DEAD_LETTERED, records.markDeadLettered(id, reason));
        finished.publishEvent(new MailFinished(id, MailStatus.DEAD_LETTERED, reason, Instant.now()));
    }

    private static String reason(Message message) {
        Object reason = message.getMessageProperties().getHeader(REASON_HEADER);
        if (reason != null) {
            return reason.toString();
        }
        List<Map<String, ?>> deaths = message.getMessageProperties().getXDeathHeader();
        return deaths == null || deaths.isEmpty()
                ? "UNKNOWN"
                : "BROKER: " + deaths.get(0).get("reason");
    }

    private static UUID parse(String messageId) {
        try {
            return messageId == null ? null : UUID.fromString(messageId);
        } catch (IllegalArgumentException notOurs) {
            return null;
        }
    }
}
