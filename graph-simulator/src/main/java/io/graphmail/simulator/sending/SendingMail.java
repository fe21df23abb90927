package io.graphmail.simulator.sending;

import io.graphmail.simulator.SimulatorProperties;
import io.graphmail.simulator.mailbox.Folder;
import io.graphmail.simulator.mailbox.Mailboxes;
import io.graphmail.simulator.mailbox.Message;
import io.graphmail.simulator.web.GraphErrorException;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Sends a message the way Graph's {@code sendMail} does: validates it, files it under the sender and hands it to
 * delivery, which Exchange's sending limits may delay or turn into a bounce; the answer is 202 either way.
 */
@Component
class SendingMail {

    private final Mailboxes mailboxes;
    private final SendingRules rules;
    private final SimulatorProperties properties;

    SendingMail(Mailboxes mailboxes, SendingRules rules, SimulatorProperties properties) {
        this.mailboxes = mailboxes;
        this.rules = rules;
        this.properties = properties;
    }

    Message send(String mailbox, SendMailRequest request) {
        if (request == null || request.message() == null) {
            throw GraphErrorException.badRequest("ErrorInvalidRequest", "Required property 'message' is missing.");
        }
        Message message = request.message();
        MessageChecks.recipients(message);
        MessageChecks.attachments(message.attachments());
        if (properties.strict()) {
            MessageChecks.internetMessageHeaders(message.internetMessageHeaders());
        }
        Instant now = Message.now();
        Message sent = message.sentBy(mailbox, now).filedIn(Folder.SENT_ITEMS, now);
        mailboxes
                .of(mailbox)
                .recordSent(sent, !Boolean.FALSE.equals(request.saveToSentItems()), mailbox, rules.of(mailbox, now));
        return sent;
    }
}
