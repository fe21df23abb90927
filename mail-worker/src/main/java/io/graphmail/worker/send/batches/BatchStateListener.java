package io.graphmail.worker.send.batches;

import static io.graphmail.contract.MailTopology.WORKER_BATCH_EVENTS_QUEUE;

import io.graphmail.contract.batches.BatchStateChanged;
import io.graphmail.worker.pacing.AccountPacing;
import io.graphmail.worker.send.parking.ParkedCommands;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * A resumed or cancelled batch's held messages go back on the queue (to be sent, or to end CANCELLED); a paused or
 * cancelled batch stops waiting for its accounts' slots at once, and a resumed one waits for them again.
 */
@Component
class BatchStateListener {

    private final ParkedCommands parked;
    private final AccountPacing pacing;

    BatchStateListener(ParkedCommands parked, AccountPacing pacing) {
        this.parked = parked;
        this.pacing = pacing;
    }

    @RabbitListener(id = "batch-state", queues = WORKER_BATCH_EVENTS_QUEUE)
    void onBatchStateChanged(BatchStateChanged event) {
        if ("ACTIVE".equals(event.state())) {
            pacing.openLane(event.batchId());
        } else {
            // Its messages waiting in delay queues no longer count as waiting for the account's slots.
            pacing.closeLane(event.batchId());
        }
        if (!"PAUSED".equals(event.state())) {
            parked.releaseBatch(event.batchId().toString());
        }
    }
}
