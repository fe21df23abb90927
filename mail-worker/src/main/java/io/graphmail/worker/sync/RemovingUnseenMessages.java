package io.graphmail.worker.sync;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * After a full round, marks what the folder held but the round did not see as deleted: deleted while we were not
 * looking. Unless that is a mass deletion ({@link MassDeletionProperties}) the sync did not confirm: then nothing is
 * marked, the folder's state records the held deletions for the status API, and a full sync with
 * {@code confirmDeletions} applies them (to what it, in turn, does not see).
 */
@Component
class RemovingUnseenMessages {

    private static final Logger log = LoggerFactory.getLogger(RemovingUnseenMessages.class);

    private final StoredMessages messages;
    private final FolderSyncStates states;
    private final MassDeletionProperties massDeletion;
    private final MeterRegistry meterRegistry;
    private final Clock clock;

    RemovingUnseenMessages(
            StoredMessages messages,
            FolderSyncStates states,
            MassDeletionProperties massDeletion,
            MeterRegistry meterRegistry,
            Clock clock) {
        this.messages = messages;
        this.states = states;
        this.massDeletion = massDeletion;
        this.meterRegistry = meterRegistry;
        this.clock = clock;
    }

    /** @return how many messages were marked deleted */
    int remove(String accountId, String folder, Instant roundStartedAt, LocalDate from, boolean confirmed) {
        long unseen = messages.countUnseen(accountId, folder, roundStartedAt, from);
        long stored = messages.countLive(accountId, folder, from);
        if (!confirmed && massDeletion.holds(unseen, stored)) {
            log.warn(
                    "Full round of {} / {} did not see {} of the {} messages stored for the folder; their deletion"
                            + " is held: sync with {\"mode\":\"full\",\"confirmDeletions\":true} if they are gone",
                    accountId,
                    folder,
                    unseen,
                    stored);
            states.deletionsHeld(accountId, folder, unseen, stored, clock.instant());
            meterRegistry.counter("graphmail.sync.deletions.held").increment(unseen);
            return 0;
        }
        int removed =
                unseen == 0 ? 0 : messages.markUnseenRemoved(accountId, folder, roundStartedAt, from, clock.instant());
        if (confirmed && removed > 0) {
            log.info("Full round of {} / {} marked {} messages deleted, as confirmed", accountId, folder, removed);
        }
        states.noDeletionsHeld(accountId, folder);
        return removed;
    }
}
