package io.graphmail.gateway.mail;

import io.graphmail.contract.send.MailBounced;
import io.graphmail.gateway.suppressions.Suppressions;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Records a bounce the workers found: a sent message becomes {@link MailStatus#BOUNCED} (once, and from SENT only),
 * and a hard bounce's recipient enters the sending client's suppression list (also when the message had already
 * bounced for another recipient). Repeated events change nothing; each is told as {@link MailBounceRecorded}.
 */
@Component
class RecordingBounces {

    private static final Logger log = LoggerFactory.getLogger(RecordingBounces.class);

    private final MailRecords records;
    private final Suppressions suppressions;
    private final MeterRegistry meters;
    private final ApplicationEventPublisher recorded;

    RecordingBounces(
            MailRecords records, Suppressions suppressions, MeterRegistry meters, ApplicationEventPublisher recorded) {
        this.records = records;
        this.suppressions = suppressions;
        this.meters = meters;
        this.recorded = recorded;
    }

    /**
     * @return false if the message's MailSent is not recorded yet (the results are recorded by several consumers at
     *     once): the bounce is to be handled again later
     */
    boolean record(MailBounced event) {
        var record = records.find(event.commandId());
        if (record.isEmpty()) {
            log.warn("Bounce for unknown message {} ignored", event.commandId());
            return true;
        }
        if (!record.get().status().isFinal()) {
            return false;
        }
        var bounce = new MailRecord.Bounce(
                event.recipient(), event.statusCode(), event.diagnostic(), event.permanent(), event.bouncedAt());
        boolean first = records.markBounced(event.commandId(), bounce);
        if (first) {
            meters.counter("graphmail.bounces", "kind", event.permanent() ? "hard" : "soft")
                    .increment();
            log.info("Message {} bounced ({}, {})", event.commandId(), event.statusCode(), kind(event));
        }
        // Told again on a redelivered report: the one that crashed before telling must not be lost.
        recorded.publishEvent(new MailBounceRecorded(event.commandId(), bounce));
        String client = record.get().client();
        if (event.permanent() && event.recipient() != null && client != null) {
            suppressions.add(
                    client,
                    event.recipient(),
                    "bounced",
                    event.statusCode(),
                    record.get().id());
        }
        return true;
    }

    private static String kind(MailBounced event) {
        return event.permanent() ? "hard" : "soft";
    }
}
