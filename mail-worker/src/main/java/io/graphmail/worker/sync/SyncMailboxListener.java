package io.graphmail.worker.sync;

import static io.graphmail.contract.MailTopology.SYNC_QUEUE;

import io.graphmail.contract.sync.SyncMailboxCommand;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/** Takes sync commands off the queue; a command that cannot be read goes to the sync dead-letter queue. */
@Component
class SyncMailboxListener {

    private final SyncingMailbox syncingMailbox;

    SyncMailboxListener(SyncingMailbox syncingMailbox) {
        this.syncingMailbox = syncingMailbox;
    }

    @RabbitListener(id = "mailbox-sync", queues = SYNC_QUEUE, concurrency = "${graphmail.sync.concurrency:2}")
    void onSync(SyncMailboxCommand command) {
        syncingMailbox.sync(command);
    }
}
