package io.graphmail.gateway.messaging;

import static io.graphmail.contract.MailTopology.COMMANDS_EXCHANGE;
import static io.graphmail.contract.MailTopology.SEND_ROUTING_KEY;

import io.graphmail.contract.send.SendMailCommand;
import io.graphmail.messaging.ConfirmedPublisher;
import io.graphmail.messaging.PublishFailed;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Publishes commands for the workers; returns only once the broker has stored them. */
@Component
public class MailCommands {

    private final ConfirmedPublisher publisher;

    MailCommands(ConfirmedPublisher publisher) {
        this.publisher = publisher;
    }

    /** @throws PublishFailed if the broker did not confirm the command */
    public void publish(SendMailCommand command) {
        publisher.publish(COMMANDS_EXCHANGE, SEND_ROUTING_KEY, command, command.commandId());
    }

    /** Publishes many commands, waiting once for all confirms; returns the ids the broker took. */
    public List<UUID> publishAll(Map<UUID, SendMailCommand> commands) {
        return publisher.publishAll(COMMANDS_EXCHANGE, SEND_ROUTING_KEY, commands);
    }
}
