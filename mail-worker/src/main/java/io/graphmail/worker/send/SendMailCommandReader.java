package io.graphmail.worker.send;

import io.graphmail.contract.send.SendMailCommand;
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

    /** What a message holds: a usable command, or why it is not one. */
    sealed interface Reading {

        record Command(SendMailCommand command) implements Reading {}

        record Unreadable(String reason) implements Reading {}
    }

    Reading read(Message message) {
        SendMailCommand command;
        try {
            command = jsonMapper.readValue(message.getBody(), SendMailCommand.class);
        } catch (JacksonException e) {
            return new Reading.Unreadable(
                    "UNPARSEABLE: not a SendMailCommand (" + e.getClass().getSimpleName() + location(e) + ")");
        }
        String problem = problem(command);
        return problem == null ? new Reading.Command(command) : new Reading.Unreadable(problem);
    }

    private static String problem(SendMailCommand command) {
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

    private static String location(JacksonException e) {
        return e.getLocation() == null
                ? ""
                : " at line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr();
    }
}
