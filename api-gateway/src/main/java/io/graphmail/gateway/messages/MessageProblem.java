package io.graphmail.gateway.messages;

import io.graphmail.gateway.problems.Problems;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * An error of the message API, carrying its RFC 9457 problem; the application's problem advice renders
 * it as {@code application/problem+json}.
 */
class MessageProblem extends ErrorResponseException {

    /** One invalid query parameter, reported as the problem advice reports invalid fields. */
    record ParameterError(String field, String message) {}

    private MessageProblem(HttpStatus status, String type, String title, String detail) {
        super(status, Problems.of(status, type, title, detail), null);
    }

    static MessageProblem invalidParameters(List<ParameterError> errors) {
        String detail = errors.stream()
                .map(error -> error.field() + ": " + error.message())
                .collect(Collectors.joining("; "));
        MessageProblem invalid = new MessageProblem(HttpStatus.BAD_REQUEST, "validation", "Invalid request", detail);
        invalid.getBody().setProperty("errors", List.copyOf(errors));
        return invalid;
    }

    static MessageProblem messageNotFound(String id) {
        return new MessageProblem(
                HttpStatus.NOT_FOUND, "message-not-found", "Message not found", "No message with id " + id);
    }

    static MessageProblem attachmentNotFound(String messageId, String attachmentId) {
        return new MessageProblem(
                HttpStatus.NOT_FOUND,
                "attachment-not-found",
                "Attachment not found",
                "Message " + messageId + " has no attachment with id " + attachmentId);
    }

    static MessageProblem attachmentNotStored(String messageId, String attachmentId) {
        return new MessageProblem(
                HttpStatus.NOT_FOUND,
                "attachment-not-stored",
                "Attachment content not stored",
                "The content of attachment " + attachmentId + " of message " + messageId
                        + " was not archived (attachments over the archive's size limit are described, not"
                        + " stored); it can only be fetched from the mailbox");
    }
}
