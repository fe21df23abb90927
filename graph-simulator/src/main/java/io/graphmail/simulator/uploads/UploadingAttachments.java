package io.graphmail.simulator.uploads;

import io.graphmail.simulator.SimulatorProperties;
import io.graphmail.simulator.mailbox.FileAttachment;
import io.graphmail.simulator.mailbox.Mailboxes;
import io.graphmail.simulator.mailbox.Message;
import io.graphmail.simulator.sending.DraftingMessages;
import io.graphmail.simulator.web.GraphErrorException;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Attaches large files to messages through upload sessions, as Graph does for Outlook items: the session is opened
 * on Graph, the bytes go in order, in ranges of at most 4 MB, to the pre-authenticated upload URL, which takes no
 * {@code Authorization} header; the last range attaches the file.
 */
@Component
class UploadingAttachments {

    /** Graph refuses sessions for smaller files ({@code ErrorAttachmentSizeShouldNotBeLessThanMinimumSize}). */
    static final long MIN_SIZE = 2L * 1024 * 1024;

    static final long MAX_SIZE = 150L * 1024 * 1024;
    /** "up to 4 MB each time" (attachment-createuploadsession.md), read as 4,000,000 bytes, the stricter reading. */
    static final int MAX_RANGE_BYTES = 4_000_000;

    private static final Pattern CONTENT_RANGE =
            Pattern.compile("\\s*bytes\\s+(\\d{1,12})-(\\d{1,12})/(\\d{1,12})\\s*");

    /** What a ranged PUT achieved: the session, and the attachment once the last byte came. */
    record Progress(UploadSession session, FileAttachment attachment) {}

    private final Mailboxes mailboxes;
    private final UploadSessions sessions;
    private final SimulatorProperties properties;

    UploadingAttachments(Mailboxes mailboxes, UploadSessions sessions, SimulatorProperties properties) {
        this.mailboxes = mailboxes;
        this.sessions = sessions;
        this.properties = properties;
    }

    UploadSession open(String app, String mailbox, String messageId, CreateUploadSessionRequest request) {
        var item = request == null ? null : request.attachmentItem();
        if (item == null || item.name() == null || item.name().isBlank() || item.size() == null) {
            throw invalid("AttachmentItem with the file's name and size is required.");
        }
        if (item.attachmentType() != null && !item.attachmentType().equalsIgnoreCase("file")) {
            throw invalid("Only attachmentType 'file' is supported.");
        }
        if (properties.strict() && item.size() < MIN_SIZE) {
            throw GraphErrorException.badRequest(
                    "ErrorAttachmentSizeShouldNotBeLessThanMinimumSize",
                    "Attachment size should not be less than the minimum size; attach small files with POST.");
        }
        if (properties.strict() && item.size() > MAX_SIZE) {
            throw invalid("Attachments of more than 150 MB cannot be uploaded.");
        }
        mailboxes.of(mailbox).find(messageId).orElseThrow(DraftingMessages::notFound);
        return sessions.open(new UploadSession.Target(
                app,
                mailbox,
                messageId,
                item.name(),
                item.contentType(),
                Boolean.TRUE.equals(item.isInline()),
                item.size()));
    }

    /** Takes one range of the file; with the last one, attaches the file to the message. */
    Progress upload(String sessionId, String token, String contentRange, byte[] bytes) {
        UploadSession session = session(sessionId, token);
        Matcher range = CONTENT_RANGE.matcher(contentRange == null ? "" : contentRange);
        if (!range.matches()) {
            throw invalid("Content-Range 'bytes {first}-{last}/{total}' is required.");
        }
        long first = Long.parseLong(range.group(1));
        long last = Long.parseLong(range.group(2));
        if (Long.parseLong(range.group(3)) != session.target().size()) {
            throw invalid("The total in Content-Range differs from the size the session was opened for.");
        }
        if (properties.strict() && bytes.length > MAX_RANGE_BYTES) {
            throw new GraphErrorException(
                    HttpStatus.PAYLOAD_TOO_LARGE, "RequestEntityTooLarge", "Upload at most 4 MB in one request.");
        }
        if (last < first || bytes.length != last - first + 1) {
            throw invalid("The body holds " + bytes.length + " bytes, the Content-Range names " + (last - first + 1));
        }
        session.accept(first, last, bytes);
        if (!session.complete()) {
            return new Progress(session, null);
        }
        sessions.close(sessionId);
        Instant now = Message.now();
        FileAttachment file = session.attachment(now);
        mailboxes
                .of(session.target().mailbox())
                .update(session.target().messageId(), message -> message.withAttachment(file, now))
                .orElseThrow(DraftingMessages::notFound);
        return new Progress(session, file);
    }

    /** The session an upload URL names, once its token checks out. */
    UploadSession session(String sessionId, String token) {
        UploadSession session = sessions.find(sessionId)
                .orElseThrow(() -> GraphErrorException.notFound("The upload session was not found or has expired."));
        if (!session.token().equals(token)) {
            throw new GraphErrorException(
                    HttpStatus.UNAUTHORIZED, "InvalidAuthenticationToken", "The upload URL's authtoken is not valid.");
        }
        return session;
    }

    void cancel(String sessionId, String token) {
        sessions.close(session(sessionId, token).id());
    }

    private static GraphErrorException invalid(String message) {
        return GraphErrorException.badRequest("ErrorInvalidRequest", message);
    }
}
