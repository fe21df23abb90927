package io.graphmail.worker.send;

import io.graphmail.contract.send.SendMailCommand;
import java.util.Optional;
import org.springframework.amqp.core.Message;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a command from a message body without trusting it: anything malformed or incomplete is
 * reported with a reason that never quotes the message's content.
 */
@Component
class SendMailCommandReader {

    private final JsonMapper jsonMapper;

    SendMailCommandReader(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    Optional<SendMailCommand> read(Message message) {
        return problem(message) == null ? Optional.of(parse(message)) : Optional.empty();
    }

    /** Why the message is not a usable command, or {@code null} if it is one. */
    String problem(Message message) {
        SendMailCommand command;
        try {
            command = parse(message);
        } catch (JacksonException e) {
            return "UNPARSEABLE: not a SendMailCommand (" + e.getClass().getSimpleName() + location(e) + ")";
        }
        if (command == null || command.commandId() == null) {
            return "INVALID_COMMAND: no commandId";
        }
        if (command.accountId() == null || command.accountId().isBlank()) {
            return "INVALID_COMMAND: no accountId";
        }
        // A reply goes to the answered message's sender when it names no one.
        if (command.reply() == null
                && command.to().isEmpty()
                && command.cc().isEmpty()
                && command.bcc().isEmpty()) {
            return "INVALID_COMMAND: no recipients";
        }
        if (command.body() == null || command.body().contentType() == null) {
            return "INVALID_COMMAND: no body";
        }
        return null;
    }

    private SendMailCommand parse(Message message) {
        return jsonMapper.readValue(message.getBody(), SendMailCommand.class);
    }

    private static String location(JacksonException e) {
        return e.getLocation() == null
                ? ""
                : " at line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr();
    }
}
