package io.graphmail.worker.send.parking;

import io.graphmail.contract.send.MailFailed;
import io.graphmail.worker.accounts.AccountActivated;
import io.graphmail.worker.accounts.AccountForgotten;
import io.graphmail.worker.messaging.MailEvents;
import java.time.Clock;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends parked commands on when their account consents, and those set aside for their turn when it is due at the
 * latest; fails them when their account is removed.
 */
@Component
class ParkedCommandsRelease {

    private final ParkedCommands parked;
    private final MailEvents events;
    private final Clock clock;

    ParkedCommandsRelease(ParkedCommands parked, MailEvents events, Clock clock) {
        this.parked = parked;
        this.events = events;
        this.clock = clock;
    }

    @EventListener
    void onAccountActivated(AccountActivated activated) {
        parked.release(activated.accountId());
    }

    /** Commands set aside for their turn whose lane did not bring them back in time (see {@link Hold.Paced}). */
    @Scheduled(
            initialDelayString = "${graphmail.worker.pacing.set-aside-check:5s}",
            fixedDelayString = "${graphmail.worker.pacing.set-aside-check:5s}")
    void releaseDueCommands() {
        parked.releaseDue();
    }

    @EventListener
    void onAccountForgotten(AccountForgotten forgotten) {
        parked.discard(
                forgotten.accountId(),
                commandId -> events.failed(new MailFailed(
                        UUID.randomUUID(),
                        commandId,
                        forgotten.accountId(),
                        0,
                        "ACCOUNT_REMOVED",
                        true,
                        clock.instant())));
    }
}
