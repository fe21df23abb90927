package io.graphmail.gateway.batches;

import io.graphmail.contract.batches.BatchStateChanged;
import io.graphmail.gateway.mail.FinalStatusMetrics;
import io.graphmail.gateway.mail.MailStatus;
import io.graphmail.gateway.messaging.BatchEvents;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Pauses, resumes and cancels what of a batch is not yet sent: messages not yet on the broker are
 * held or cancelled here; workers hold or drop queued ones when they meet them, and release the held
 * ones when told.
 */
@Service
class ControllingBatches {

    private final Batches batches;
    private final BatchEvents events;
    private final FinalStatusMetrics finalStatus;
    private final Clock clock;

    ControllingBatches(Batches batches, BatchEvents events, FinalStatusMetrics finalStatus, Clock clock) {
        this.batches = batches;
        this.events = events;
        this.finalStatus = finalStatus;
        this.clock = clock;
    }

    void pause(String id) {
        change(id, Batch.State.PAUSED);
        batches.holdUnpublished(id, true);
    }

    void resume(String id) {
        change(id, Batch.State.ACTIVE);
        batches.holdUnpublished(id, false);
    }

    void cancel(String id) {
        change(id, Batch.State.CANCELLED);
        finalStatus.reached(MailStatus.CANCELLED, batches.cancelUnpublished(id));
    }

    private void change(String id, Batch.State to) {
        batches.find(id).orElseThrow(() -> new BatchNotFound(id));
        if (!batches.changeState(id, to)) {
            throw new BatchCancelled(id);
        }
        events.stateChanged(new BatchStateChanged(UUID.randomUUID(), UUID.fromString(id), to.name(), clock.instant()));
    }
}
