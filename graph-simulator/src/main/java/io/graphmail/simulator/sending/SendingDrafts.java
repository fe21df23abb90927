package io.graphmail.simulator.sending;

import io.graphmail.simulator.mailbox.Mailbox;
import io.graphmail.simulator.mailbox.Mailboxes;
import io.graphmail.simulator.mailbox.Message;
import io.graphmail.simulator.web.GraphErrorException;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Sends drafts as Graph's {@code POST /messages/{id}/send} does: the draft leaves Drafts for Sent Items under the same
 * (immutable) id, and counts as sent like {@code sendMail}.
 */
@Component
class SendingDrafts {

    private final Mailboxes mailboxes;
    private final SendingRules rules;

    SendingDrafts(Mailboxes mailboxes, SendingRules rules) {
        this.mailboxes = mailboxes;
        this.rules = rules;
    }

    Message send(String address, String id) {
        Mailbox mailbox = mailboxes.of(address);
        Instant now = Message.now();
        Message sent = mailbox.sendDraft(
                        id,
                        message -> {
                            if (!message.draft()) {
                                throw GraphErrorException.badRequest(
                                        "ErrorInvalidOperation",
                                        "Only a draft can be sent; this message was sent already.");
                            }
                            MessageChecks.recipients(message);
                            return message.sentAt(now);
                        },
                        address,
                        rules.of(address, now))
                .orElseThrow(DraftingMessages::notFound);
        mailbox.draftCounts().sent();
        return sent;
    }
}
