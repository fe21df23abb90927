package io.graphmail.simulator.sending;

import io.graphmail.simulator.SimulatorProperties;
import io.graphmail.simulator.mailbox.FileAttachment;
import io.graphmail.simulator.mailbox.Folder;
import io.graphmail.simulator.mailbox.Mailbox;
import io.graphmail.simulator.mailbox.Mailboxes;
import io.graphmail.simulator.mailbox.Message;
import io.graphmail.simulator.web.GraphErrorException;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Creates drafts in the Drafts folder and attaches small files to messages, as Graph's JSON endpoints do. */
@Component
public class DraftingMessages {

    /**
     * Graph takes files "under 3 MB" in one {@code POST .../attachments}; from this size they need an upload session.
     * Microsoft does not say which MB; the stricter reading, 3,000,000 bytes, is taken.
     */
    static final int MIN_UPLOAD_SESSION_BYTES = 3_000_000;

    private final Mailboxes mailboxes;
    private final SimulatorProperties properties;

    DraftingMessages(Mailboxes mailboxes, SimulatorProperties properties) {
        this.mailboxes = mailboxes;
        this.properties = properties;
    }

    /** Files {@code message} as a new draft of the mailbox. */
    Message create(String address, Message message) {
        if (message == null) {
            throw GraphErrorException.badRequest("ErrorInvalidRequest", "The request body must be a message.");
        }
        if (properties.strict()) {
            MessageChecks.internetMessageHeaders(message.internetMessageHeaders());
        }
        MessageChecks.attachments(message.attachments());
        Message draft = message.draftedBy(address).filedIn(Folder.DRAFTS, Message.now());
        Mailbox mailbox = mailboxes.of(address);
        mailbox.file(draft);
        mailbox.draftCounts().created();
        return draft;
    }

    /** Adds a file attachment under 3 MB to a message. */
    FileAttachment attach(String address, String messageId, FileAttachment file) {
        if (file == null || !FileAttachment.ODATA_TYPE.equalsIgnoreCase(file.odataType())) {
            throw GraphErrorException.badRequest(
                    "ErrorInvalidRequest", "Only '#microsoft.graph.fileAttachment' attachments are supported.");
        }
        MessageChecks.attachments(List.of(file));
        if (properties.strict() && file.content().length >= MIN_UPLOAD_SESSION_BYTES) {
            throw new GraphErrorException(
                    HttpStatus.PAYLOAD_TOO_LARGE,
                    "RequestEntityTooLarge",
                    "Attachments of 3 MB or more need an upload session (attachments/createUploadSession).");
        }
        Instant now = Message.now();
        FileAttachment stored = file.stored(now);
        mailboxes
                .of(address)
                .update(messageId, message -> message.withAttachment(stored, now))
                .orElseThrow(DraftingMessages::notFound);
        return stored;
    }

    public static GraphErrorException notFound() {
        return GraphErrorException.notFound("The specified object was not found in the store.");
    }
}
