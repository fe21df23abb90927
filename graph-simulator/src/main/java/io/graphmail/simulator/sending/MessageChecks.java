package io.graphmail.simulator.sending;

import io.graphmail.simulator.mailbox.FileAttachment;
import io.graphmail.simulator.mailbox.Message;
import io.graphmail.simulator.web.GraphErrorException;
import java.util.List;

/** What Graph checks of a message it is asked to create or send, with the codes it answers. */
final class MessageChecks {

    /** Graph refuses more custom headers than this on one message. */
    static final int MAX_CUSTOM_HEADERS = 5;

    private MessageChecks() {}

    /** A message to send needs at least one recipient, each with an address. */
    static void recipients(Message message) {
        var recipients = message.allRecipients().toList();
        if (recipients.isEmpty()) {
            throw GraphErrorException.badRequest(
                    "ErrorInvalidRecipients", "At least one recipient is required, but none were found.");
        }
        boolean malformed = recipients.stream()
                .anyMatch(recipient -> recipient == null
                        || recipient.emailAddress() == null
                        || recipient.emailAddress().address() == null
                        || !recipient.emailAddress().address().contains("@"));
        if (malformed) {
            throw GraphErrorException.badRequest(
                    "ErrorInvalidRecipients",
                    "At least one recipient isn't valid, a recipient's address is malformed.");
        }
    }

    static void attachments(List<FileAttachment> attachments) {
        if (attachments == null) {
            return;
        }
        for (var attachment : attachments) {
            try {
                attachment.content();
            } catch (IllegalArgumentException e) {
                throw GraphErrorException.badRequest(
                        "ErrorInvalidRequest",
                        "The contentBytes of attachment '" + attachment.name() + "' are not Base64.");
            }
        }
    }

    /** Custom headers: at most five, each named {@code x-...} or {@code X-...}, as Graph allows. */
    static void internetMessageHeaders(List<Message.InternetMessageHeader> headers) {
        if (headers == null) {
            return;
        }
        if (headers.size() > MAX_CUSTOM_HEADERS) {
            throw GraphErrorException.badRequest(
                    "InvalidInternetMessageHeaderCollection",
                    "Maximum number of headers in one message should be less than or equal to 5.");
        }
        for (var header : headers) {
            String name = header == null ? null : header.name();
            if (name == null || !(name.startsWith("x-") || name.startsWith("X-"))) {
                throw GraphErrorException.badRequest(
                        "InvalidInternetMessageHeader",
                        "The internet message header name '" + name + "' should start with 'x-' or 'X-'.");
            }
        }
    }
}
