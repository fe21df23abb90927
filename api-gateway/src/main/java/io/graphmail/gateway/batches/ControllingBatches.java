package io.graphmail.gateway.batches;

import static io.graphmail.contract.batches.BatchStateReadings.GATEWAY_ANSWERS_AFTER;

import io.graphmail.contract.batches.BatchStateChanged;
import io.graphmail.gateway.batches.problems.BatchCancelled;
import io.graphmail.gateway.batches.problems.BatchCompleted;
import io.graphmail.gateway.batches.problems.BatchNotFound;
import io.graphmail.gateway.mail.FinalStatusMetrics;
import io.graphmail.gateway.mail.MailStatus;
import io.graphmail.gateway.messaging.BatchEvents;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Service;

/**
 * Pauses, resumes and cancels what of a batch is not yet sent. Messages not yet on the broker are held here; a cancel
 * makes every message not yet final CANCELLED at once. Workers hold or drop queued messages when they meet them, check
 * the batch's state again just before calling Graph, and release held messages when told. A pause or cancel returns
 * only once no worker can act on a reading of the batch made before its change (see {@link
 * io.graphmail.contract.batches.BatchStateReadings}), so that nothing of it goes to Graph after the answer.
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
        long written = change(id, Batch.State.PAUSED);
        batches.holdUnpublished(id, true);
        batches.showPaused(id, true);
        untilWorkersSee(written);
    }

    void resume(String id) {
        Batch batch = batches.find(id).orElseThrow(() -> new BatchNotFound(id));
        change(id, Batch.runningState(batch.sendAt(), clock.instant()));
        batches.holdUnpublished(id, false);
        batches.showPaused(id, false);
    }

    /** The state first, so that no worker starts sending more of it, then its messages. */
    void cancel(String id) {
        long written = change(id, Batch.State.CANCELLED);
        finalStatus.reached(MailStatus.CANCELLED, batches.cancelUnfinished(id));
        completing.endIfFinished(id);
        untilWorkersSee(written);
    }

    /** @return when (in {@link System#nanoTime}) the change was written, or found made before */
    private long change(String id, Batch.State to) {
        if (!batches.changeState(id, to)) {
            refused(batches.find(id).orElseThrow(() -> new BatchNotFound(id)));
            return System.nanoTime();
        }
        long written = System.nanoTime();
        events.stateChanged(new BatchStateChanged(UUID.randomUUID(), UUID.fromString(id), to.name(), clock.instant()));
        return written;
    }

    /**
     * A batch still being submitted has nothing to resume yet; a finished one refuses any change. "Already cancelled"
     * waits like a cancel: the cancel that made it so may have been written a moment ago.
     */
    private static void refused(Batch batch) {
        switch (batch.state()) {
            case CANCELLED -> {
                untilWorkersSee(System.nanoTime());
                throw new BatchCancelled(batch.id());
            }
            case COMPLETED -> throw new BatchCompleted(batch.id());
            default -> {}
        }
    }

    private static void untilWorkersSee(long writtenAtNanos) {
        long left = GATEWAY_ANSWERS_AFTER.toNanos() - (System.nanoTime() - writtenAtNanos);
        if (left <= 0) {
            return;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Stopped before every worker could see the batch's change", e);
        }
    }
}
