package io.graphmail.gateway.messaging;

import io.graphmail.contract.send.SendMailCommand;
import io.graphmail.platform.messaging.PublishFailed;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Publishes commands for the workers; returns only once the broker has stored them. */
public interface MailCommands {

    /**
     * Publishes the command with its {@linkplain SendMailCommand#routingKey() routing key}.
     *
     * @throws PublishFailed if the broker did not confirm the command
     */
    void publish(SendMailCommand command);

    /**
     * Publishes many commands already serialised as JSON (as their records keep them), waiting once for all confirms;
     * returns the ids the broker took. They go out as {@link #publish} would send them: {@code routingKey} is the
     * {@linkplain SendMailCommand#routingKey() routing key} of every one of them.
     */
    List<UUID> publishAll(String routingKey, Map<UUID, String> commands);

    /**
     * Takes the dead-lettered copies of these commands out of the dead-letter queue, once they were published again
     * and confirmed; a copy the broker cannot take out now stays.
     */
    void retireDeadLetterCopies(Collection<UUID> commandIds);
}
