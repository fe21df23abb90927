package io.graphmail.worker.send;

import io.graphmail.contract.send.MailFailed;
import io.graphmail.contract.send.MailSent;
import io.graphmail.contract.send.SendMailCommand;
import io.graphmail.worker.messaging.MailEvents;
import io.graphmail.worker.send.deliveries.Deliveries;
import io.graphmail.worker.send.deliveries.Delivery;
import java.time.Clock;
import java.util.UUID;

/**
 * A command arrived that another delivery already took: a redelivery, a duplicate publish or a
 * retry racing a crash. Repeats the known result instead of sending again.
 */
final class AlreadyClaimed {

    static final String INTERRUPTED = "INTERRUPTED: an attempt never reported back; looking before sending again";

    static final String OUTCOME_UNKNOWN =
            "OUTCOME_UNKNOWN: an attempt was interrupted; not resent, to avoid sending twice";

    private final Deliveries deliveries;
    private final MailEvents events;
    private final RetryProperties retry;
    private final Clock clock;

    AlreadyClaimed(Deliveries deliveries, MailEvents events, RetryProperties retry, Clock clock) {
        this.deliveries = deliveries;
        this.events = events;
        this.retry = retry;
        this.clock = clock;
    }

    Outcome handle(SendMailCommand command) {
        var found = deliveries.find(command.deliveryKey());
        if (found.isEmpty()) {
            // The claim collided with another worker's insert that this read does not see yet: look again shortly.
            return Outcome.retryLater(retry.initialBackoff());
        }
        Delivery delivery = found.get();
        return switch (delivery.state()) {
            case SENT -> {
                events.sent(new MailSent(
                        UUID.randomUUID(),
                        command.commandId(),
                        command.accountId(),
                        delivery.attempts(),
                        delivery.sentAt()));
                yield Outcome.done();
            }
            case FAILED -> {
                failed(command, delivery, delivery.lastError());
                yield Outcome.done();
            }
            case SENDING -> inFlight(command, delivery);
            case RETRYING -> Outcome.retryLater(retry.initialBackoff());
        };
    }

    /** Another worker is sending it, or died while sending: wait out its lease, then stop. */
    private Outcome inFlight(SendMailCommand command, Delivery delivery) {
        var leaseEnds = delivery.claimedAt().plus(retry.inFlightLease());
        if (clock.instant().isBefore(leaseEnds)) {
            return Outcome.retryLater(retry.inFlightLease());
        }
        if (command.keepsSentCopy()) {
            // The message carries its key into Sent Items: the retry looks there before sending again.
            deliveries.markInterrupted(command.deliveryKey(), INTERRUPTED);
            return Outcome.retryLater(retry.initialBackoff());
        }
        deliveries.markFailed(command.deliveryKey(), OUTCOME_UNKNOWN);
        failed(command, delivery, OUTCOME_UNKNOWN);
        return Outcome.done();
    }

    private void failed(SendMailCommand command, Delivery delivery, String reason) {
        events.failed(new MailFailed(
                UUID.randomUUID(),
                command.commandId(),
                command.accountId(),
                delivery.attempts(),
                reason,
                true,
                clock.instant()));
    }
}
