package io.graphmail.worker.send;

import io.graphmail.contract.send.MailFailed;
import io.graphmail.contract.send.MailSent;
import io.graphmail.contract.send.SendMailCommand;
import io.graphmail.worker.messaging.MailEvents;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** The result events of one command's deliveries. */
final class SendReports {

    private final MailEvents events;
    private final Clock clock;

    SendReports(MailEvents events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    /** @param recording records the delivery as sent, while the event's confirm is on its way */
    void sent(SendMailCommand command, int attempt, Instant sentAt, Runnable recording) {
        events.sent(
                new MailSent(
                        UUID.randomUUID(),
                        command.commandId(),
                        command.accountId(),
                        attempt,
                        sentAt,
                        command.submittedAt()),
                recording);
    }

    void failed(SendMailCommand command, int attempt, String reason, boolean permanent) {
        events.failed(new MailFailed(
                UUID.randomUUID(),
                command.commandId(),
                command.accountId(),
                attempt,
                reason,
                permanent,
                clock.instant()));
    }
}
