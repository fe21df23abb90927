package io.graphmail.gateway.reconciling;

import io.graphmail.contract.send.SendMailCommand;
import io.graphmail.gateway.batches.Batches;
import io.graphmail.gateway.mail.FinalStatusMetrics;
import io.graphmail.gateway.mail.MailRecord;
import io.graphmail.gateway.mail.MailRecords;
import io.graphmail.gateway.mail.MailStatus;
import io.graphmail.gateway.messaging.MailCommands;
import io.graphmail.platform.logging.CorrelationId;
import io.graphmail.platform.messaging.PublishFailed;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drives messages that stopped moving to their real outcome. A message stays ACCEPTED or SENDING for ever when its
 * command or its result event was lost (a MongoDB or worker outage at the wrong moment); every {@code interval} one
 * gateway finds those nothing has moved for {@code stuckAfter} and, for each, applies what it can learn (the workers
 * recorded it as sent) or hands its command to the workers again. That is safe: a worker never sends a delivery key
 * twice, repeats the known result of a finished one, and looks an interrupted one up in Graph by its key before
 * sending.
 *
 * <p>{@code graphmail_mail_stuck} counts the stuck messages now, reconciled or not (read from MongoDB at each
 * scrape), so it stays above zero while reconciling does not move them;
 * {@code graphmail_mail_reconciled_total{action}} counts those reconciled, by {@code applied_sent} or
 * {@code republished}.
 */
@Component
class ReconcilingStuckMail {

    private static final Logger log = LoggerFactory.getLogger(ReconcilingStuckMail.class);

    private final MailRecords records;
    private final Batches batches;
    private final SentDeliveries deliveries;
    private final MailCommands commands;
    private final FinalStatusMetrics finalStatus;
    private final ReconcilerProperties properties;
    private final JsonMapper jsonMapper;
    private final Clock clock;
    private final Counter appliedSent;
    private final Counter republished;

    ReconcilingStuckMail(
            MailRecords records,
            Batches batches,
            SentDeliveries deliveries,
            MailCommands commands,
            FinalStatusMetrics finalStatus,
            ReconcilerProperties properties,
            JsonMapper jsonMapper,
            Clock clock,
            MeterRegistry meterRegistry) {
        this.records = records;
        this.batches = batches;
        this.deliveries = deliveries;
        this.commands = commands;
        this.finalStatus = finalStatus;
        this.properties = properties;
        this.jsonMapper = jsonMapper;
        this.clock = clock;
        this.appliedSent = reconciled(meterRegistry, "applied_sent");
        this.republished = reconciled(meterRegistry, "republished");
        Gauge.builder("graphmail.mail.stuck", this, ReconcilingStuckMail::stuckNow)
                .description("Published messages nothing has moved for longer than the reconciler's stuck-after")
                .strongReference(true)
                .register(meterRegistry);
    }

    private static Counter reconciled(MeterRegistry meterRegistry, String action) {
        return Counter.builder("graphmail.mail.reconciled")
                .description("Stuck messages driven on by the reconciler")
                .tag("action", action)
                .register(meterRegistry);
    }

    @Scheduled(
            fixedDelayString = "${graphmail.gateway.reconciler.interval:1m}",
            initialDelayString = "${graphmail.gateway.reconciler.interval:1m}")
    @SchedulerLock(name = "stuck-mail-reconciler", lockAtMostFor = "10m")
    void reconcile() {
        Instant now = clock.instant();
        var stuck = records.stalled(cutoff(now), batches.pausedIds(), properties.batchSize());
        for (MailRecord record : stuck) {
            try (var scope = CorrelationId.open(record.correlationId())) {
                var command = jsonMapper.readValue(record.outbox(), SendMailCommand.class);
                reconcile(record, command, now);
            } catch (PublishFailed e) {
                log.warn("Broker unavailable; stuck message {} left for the next round", record.id());
                return;
            } catch (JacksonException unreadable) {
                log.warn("Stuck message {} has no readable command; left for an operator", record.id());
                records.markReconciled(UUID.fromString(record.id()), now);
            }
        }
    }

    private void reconcile(MailRecord record, SendMailCommand command, Instant now) {
        UUID id = UUID.fromString(record.id());
        var sent = deliveries.find(command.deliveryKey());
        if (sent.isPresent()) {
            finalStatus.reached(
                    MailStatus.SENT,
                    records.markSent(id, sent.get().attempts(), sent.get().sentAt()));
            appliedSent.increment();
            log.info("Stuck message {} was sent; recorded as SENT", record.id());
            return;
        }
        commands.publish(command);
        records.markReconciled(id, now);
        republished.increment();
        log.info("Stuck message {} ({}) handed to the workers again", record.id(), record.status());
    }

    private double stuckNow() {
        return records.countStalled(cutoff(clock.instant()), batches.pausedIds());
    }

    private Instant cutoff(Instant now) {
        return now.minus(properties.stuckAfter());
    }
}
