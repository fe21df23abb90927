package io.graphmail.gateway.messaging;

import static io.graphmail.contract.MailTopology.COMMANDS_EXCHANGE;
import static io.graphmail.contract.MailTopology.SYNC_ROUTING_KEY;

import io.graphmail.contract.sync.SyncMailboxCommand;
import io.graphmail.platform.messaging.ConfirmedPublisher;
import io.graphmail.platform.messaging.PublishFailed;
import org.springframework.stereotype.Component;

/** Publishes mailbox sync commands for the workers; returns only once the broker has stored them. */
@Component
public class SyncCommands {

    private final ConfirmedPublisher publisher;

    SyncCommands(ConfirmedPublisher publisher) {
        this.publisher = publisher;
    }

    /** @throws PublishFailed if the broker did not confirm the command */
    public void publish(SyncMailboxCommand command) {
        publisher.publish(COMMANDS_EXCHANGE, SYNC_ROUTING_KEY, command, command.commandId());
    }
}
