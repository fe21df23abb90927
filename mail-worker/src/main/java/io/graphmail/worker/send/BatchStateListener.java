package io.graphmail.worker.send;

import static io.graphmail.contract.MailTopology.WORKER_BATCH_EVENTS_QUEUE;

import io.graphmail.contract.batches.BatchStateChanged;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/** A resumed or cancelled batch's held messages go back on the queue (to be sent, or to end CANCELLED). */
@Component
class BatchStateListener {

    private final ParkedCommands parked;

    BatchStateListener(ParkedCommands parked) {
        this.parked = parked;
    }

    @RabbitListener(id = "batch-state", queues = WORKER_BATCH_EVENTS_QUEUE)
    void onBatchStateChanged(BatchStateChanged event) {
        if (!"PAUSED".equals(event.state())) {
            parked.releaseBatch(event.batchId().toString());
        }
    }
}
