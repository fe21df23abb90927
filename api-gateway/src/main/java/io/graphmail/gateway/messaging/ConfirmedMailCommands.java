package io.graphmail.gateway.messaging;

import static io.graphmail.contract.MailTopology.COMMANDS_EXCHANGE;

import io.graphmail.contract.send.SendMailCommand;
import io.graphmail.platform.messaging.ConfirmedPublisher;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Publishes commands to the broker with publisher confirms. */
@Component
class ConfirmedMailCommands implements MailCommands {

    private final ConfirmedPublisher publisher;
    private final DeadLetterCopies deadLetterCopies;

    ConfirmedMailCommands(ConfirmedPublisher publisher, DeadLetterCopies deadLetterCopies) {
        this.publisher = publisher;
        this.deadLetterCopies = deadLetterCopies;
    }

    @Override
    public void publish(SendMailCommand command) {
        publisher.publish(COMMANDS_EXCHANGE, command.routingKey(), command, command.commandId());
    }

    @Override
    public List<UUID> publishAll(String routingKey, Map<UUID, String> commands) {
        return publisher.publishAllJson(COMMANDS_EXCHANGE, routingKey, SendMailCommand.class, commands);
    }

    @Override
    public void retireDeadLetterCopies(Collection<UUID> commandIds) {
        deadLetterCopies.remove(commandIds);
    }
}
