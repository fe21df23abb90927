package io.graphmail.gateway.batches;

import io.graphmail.contract.batches.BatchStateChanged;
import io.graphmail.gateway.batches.problems.BatchCancelled;
import io.graphmail.gateway.batches.problems.BatchCompleted;
import io.graphmail.gateway.batches.problems.BatchNotFound;
import io.graphmail.gateway.mail.FinalStatusMetrics;
import io.graphmail.gateway.mail.MailStatus;
import io.graphmail.gateway.messaging.BatchEvents;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Pauses, resumes and cancels what of a batch is not yet sent. Messages not yet on the broker are held here; a cancel
 * makes every message not yet final CANCELLED at once. Workers hold or drop queued messages when they meet them, check
 * the batch's state again just before calling Graph, and release held messages when told.
 */
@Service
class ControllingBatches {

    private final Batches batches;
    private final CompletingBatches completing;
    private final BatchEvents events;
    private final FinalStatusMetrics finalStatus;
    private final Clock clock;

    ControllingBatches(
            Batches batches,
            CompletingBatches completing,
            BatchEvents events,
            FinalStatusMetrics finalStatus,
            Clock clock) {
        this.batches = batches;
        this.completing = completing;
        this.events = events;
        this.finalStatus = finalStatus;
        this.clock = clock;
    }

    void pause(String id) {
        change(id, Batch.State.PAUSED);
        batches.holdUnpublished(id, true);
        batches.showPaused(id, true);
    }

    void resume(String id) {
        Batch batch = batches.find(id).orElseThrow(() -> new BatchNotFound(id));
        change(id, Batch.runningState(batch.sendAt(), clock.instant()));
        batches.holdUnpublished(id, false);
        batches.showPaused(id, false);
    }

    /** The state first, so that no worker starts sending more of it, then its messages. */
    void cancel(String id) {
        change(id, Batch.State.CANCELLED);
        finalStatus.reached(MailStatus.CANCELLED, batches.cancelUnfinished(id));
        completing.messageFinished(id);
    }

    private void change(String id, Batch.State to) {
        if (!batches.changeState(id, to)) {
            refused(batches.find(id).orElseThrow(() -> new BatchNotFound(id)));
            return;
        }
        events.stateChanged(new BatchStateChanged(UUID.randomUUID(), UUID.fromString(id), to.name(), clock.instant()));
    }

    /** A batch still being submitted has nothing to resume yet; a finished one refuses any change. */
    private static void refused(Batch batch) {
        switch (batch.state()) {
            case CANCELLED -> throw new BatchCancelled(batch.id());
            case COMPLETED -> throw new BatchCompleted(batch.id());
            default -> {}
        }
    }
}
