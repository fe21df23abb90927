package io.graphmail.gateway.mail;

import static io.graphmail.contract.MailTopology.GATEWAY_EVENTS_QUEUE;

import io.graphmail.contract.send.MailBounced;
import io.graphmail.contract.send.MailFailed;
import io.graphmail.contract.send.MailSent;
import io.graphmail.gateway.messaging.DeferredEvents;
import io.graphmail.platform.mongodb.GroupedWrites;
import io.graphmail.platform.mongodb.MongoUnavailable;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.annotation.RabbitHandler;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Records what the workers report about each message. An event is acknowledged only once its effect is recorded, or
 * once it is back on the broker for later because MongoDB could not be reached.
 *
 * <p>Several consumers take events at once (recording one and emitting its webhook event is several MongoDB round
 * trips and a confirmed publish, too slow for one thread), so two events of one message may be recorded in either
 * order. SENT results, nearly all of them, are recorded together: those the consumers hold while one is being
 * written go in the next bulk write ({@link GroupedWrites}), each consumer still acknowledging its own event once
 * its result is written. Each step is a conditional update that does not depend on it: a final status is never left
 * for another but SENT for CANCELLED (so SENT, FAILED and DEAD_LETTERED are the same whichever comes first), a late "retrying"
 * does not move a final message, and a batch counts a message once, at its first final status. Only a bounce needs
 * the message SENT first: one that arrives before that is put back for later (see {@link RecordingBounces}).
 */
@Component
@RabbitListener(
        id = "mail-results",
        queues = GATEWAY_EVENTS_QUEUE,
        concurrency = "${graphmail.gateway.results-concurrency:4}")
class MailResultsListener {

    private static final Logger log = LoggerFactory.getLogger(MailResultsListener.class);

    private static final String CANCELLED = "CANCELLED";

    /** The most SENT results one bulk write records: a few dozen cost MongoDB about what one does. */
    static final int SENT_RESULTS_PER_WRITE = 64;

    private final MailRecords records;
    private final GroupedWrites<MailRecords.SentResult, MailRecords.Transition> sentResults;
    private final FinalStatusMetrics finalStatus;
    private final DeferredEvents deferred;
    private final RecordingBounces bounces;
    private final Timer deliveryTime;
    private final ApplicationEventPublisher finished;

    MailResultsListener(
            MailRecords records,
            FinalStatusMetrics finalStatus,
            DeferredEvents deferred,
            RecordingBounces bounces,
            MeterRegistry meterRegistry,
            ApplicationEventPublisher finished) {
        this.records = records;
        this.sentResults = new GroupedWrites<>(SENT_RESULTS_PER_WRITE, records::recordSent);
        this.bounces = bounces;
        this.finished = finished;
        this.finalStatus = finalStatus;
        this.deferred = deferred;
        this.deliveryTime = Timer.builder("graphmail.mail.delivery")
                .description("From accepted by the gateway to accepted by Graph")
                .publishPercentileHistogram()
                // Buckets up to an hour: paced accounts queue mail for many minutes.
                .maximumExpectedValue(Duration.ofHours(1))
                .register(meterRegistry);
    }

    @RabbitHandler
    void onSent(MailSent event) {
        recordedOrLater(event, event.eventId(), event.commandId(), () -> sent(event));
    }

    @RabbitHandler
    void onBounced(MailBounced event) {
        recordedOrLater(event, event.eventId(), event.commandId(), () -> {
            if (!bounces.record(event)) {
                deferred.later(event, event.eventId());
            }
        });
    }

    @RabbitHandler
    void onFailed(MailFailed event) {
        recordedOrLater(event, event.eventId(), event.commandId(), () -> failed(event));
    }

    private void recordedOrLater(Object event, UUID eventId, UUID commandId, Runnable record) {
        try {
            record.run();
        } catch (RuntimeException e) {
            if (!MongoUnavailable.causedBy(e)) {
                throw e;
            }
            log.warn("MongoDB unavailable; the result for message {} is put back for later", commandId);
            deferred.later(event, eventId);
        }
    }

    private void sent(MailSent event) {
        var recorded =
                sentResults.write(new MailRecords.SentResult(event.commandId(), event.attempts(), event.sentAt()));
        boolean first = recorded.moved();
        finalStatus.reached(MailStatus.SENT, first);
        if (first && event.submittedAt() != null) {
            deliveryTime.record(Duration.between(event.submittedAt(), event.sentAt()));
        }
        finished.publishEvent(
                new MailFinished(event.commandId(), MailStatus.SENT, null, event.sentAt(), recorded.client()));
    }

    private void failed(MailFailed event) {
        if (event.permanent() && CANCELLED.equals(event.reason())) {
            finalStatus.reached(MailStatus.CANCELLED, records.markCancelled(event.commandId()));
        } else if (event.permanent()) {
            log.warn("Message {} from account {} failed: {}", event.commandId(), event.accountId(), event.reason());
            var recorded = records.markFailed(event.commandId(), event.attempts(), event.reason());
            finalStatus.reached(MailStatus.FAILED, recorded.moved());
            finished.publishEvent(new MailFinished(
                    event.commandId(), MailStatus.FAILED, event.reason(), event.failedAt(), recorded.client()));
        } else {
            records.markRetrying(event.commandId(), event.attempts(), event.reason());
        }
    }
}
