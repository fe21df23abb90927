package io.graphmail.gateway.messaging;

import io.graphmail.contract.send.SendMailCommand;
import io.graphmail.platform.messaging.PublishFailed;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Publishes commands for the workers; returns only once the broker has stored them. */
public interface MailCommands {

    /** @throws PublishFailed if the broker did not confirm the command */
    void publish(SendMailCommand command);

    /** Publishes many commands, waiting once for all confirms; returns the ids the broker took. */
    List<UUID> publishAll(Map<UUID, SendMailCommand> commands);
}
