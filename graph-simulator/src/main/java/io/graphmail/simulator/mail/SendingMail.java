package io.graphmail.simulator.mail;

import io.graphmail.simulator.web.GraphErrorException;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/** Sends a message the way Graph's {@code sendMail} does: validates it and files it under the sender. */
@Component
class SendingMail {

    private final Mailboxes mailboxes;

    SendingMail(Mailboxes mailboxes) {
        this.mailboxes = mailboxes;
    }

    Message send(String mailbox, SendMailRequest request) {
        if (request == null || request.message() == null) {
            throw GraphErrorException.badRequest("ErrorInvalidRequest", "Required property 'message' is missing.");
        }
        Message message = request.message();
        checkRecipients(message);
        checkAttachments(message.attachments());
        Instant now = Message.now();
        Message sent = message.sentBy(mailbox, now).filedIn(Folder.SENT_ITEMS, now);
        mailboxes.of(mailbox).recordSent(sent, !Boolean.FALSE.equals(request.saveToSentItems()));
        return sent;
    }

    private static void checkRecipients(Message message) {
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

    private static void checkAttachments(List<FileAttachment> attachments) {
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
}
