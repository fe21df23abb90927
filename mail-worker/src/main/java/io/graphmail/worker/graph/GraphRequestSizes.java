package io.graphmail.worker.graph;

import io.graphmail.contract.send.MailAttachment;
import io.graphmail.contract.send.SendMailCommand;

/**
 * Keeps every request under Graph's limits: 4 MB per request, and files added in one {@code POST .../attachments}
 * under 3 MB (larger ones through an upload session). Microsoft does not say whether an MB is 1,000,000 or 1,048,576
 * bytes; graphmail stays under the smaller reading. Content travels as Base64, a third larger than the file.
 */
public final class GraphRequestSizes {

    /** Graph's limit for one request, 4 MB in its smaller reading. */
    public static final long MAX_REQUEST_BYTES = 4_000_000;

    /** Graph's "under 3 MB" for one attachment POST, in its smaller reading. */
    static final long MAX_POSTED_FILE_BYTES = 3_000_000 - 1;

    /** Room for what a request carries besides a file's Base64 content: property names, file name, content type. */
    static final long ATTACHMENT_ENVELOPE_BYTES = 16 * 1024;

    private GraphRequestSizes() {}

    /** Whether a file of {@code bytes} goes to Graph in one attachment POST; if not, through an upload session. */
    public static boolean fitsOnePost(long bytes) {
        return bytes <= MAX_POSTED_FILE_BYTES && base64Length(bytes) + ATTACHMENT_ENVELOPE_BYTES <= MAX_REQUEST_BYTES;
    }

    /** Whether the command's draft can carry its inline attachments in the creating POST. */
    public static boolean draftFitsWithAttachments(SendMailCommand command) {
        if (command.attachments().isEmpty()) {
            // Nothing to leave out: the draft is the same request either way.
            return true;
        }
        long size = DraftJson.of(command, false).length;
        for (MailAttachment attachment : command.attachments()) {
            size += attachment.contentBase64().length() + ATTACHMENT_ENVELOPE_BYTES;
        }
        return size <= MAX_REQUEST_BYTES;
    }

    static long base64Length(long bytes) {
        return 4 * ((bytes + 2) / 3);
    }
}
