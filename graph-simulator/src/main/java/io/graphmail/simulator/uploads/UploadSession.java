package io.graphmail.simulator.uploads;

import io.graphmail.simulator.mailbox.FileAttachment;
import io.graphmail.simulator.web.GraphErrorException;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import org.springframework.http.HttpStatus;

/**
 * One upload of a large attachment to a message: the bytes arrive in order, in ranged PUTs, and are hashed as they
 * come. Files up to {@link #KEPT_CONTENT_BYTES} are kept whole; of larger ones only the size and SHA-256 remain, so
 * that tests can send many large files without holding them in memory. Thread-safe.
 */
final class UploadSession {

    /** The largest attachment whose content is kept. */
    static final int KEPT_CONTENT_BYTES = 4 * 1024 * 1024;

    /**
     * What the session uploads, and where to: the mailbox and message the file will be attached to; {@code app} is
     * the app that opened the session, whose throttling budget the upload URL's requests count against.
     */
    record Target(
            String app,
            String mailbox,
            String messageId,
            String name,
            String contentType,
            boolean isInline,
            long size) {}

    private final String id;
    private final String token;
    private final Target target;
    private final Instant expires;
    private final MessageDigest digest = FileAttachment.digest();
    private final ByteArrayOutputStream content;
    private long received;

    UploadSession(String id, String token, Target target, Instant expires) {
        this.id = id;
        this.token = token;
        this.target = target;
        this.expires = expires;
        this.content = target.size() <= KEPT_CONTENT_BYTES ? new ByteArrayOutputStream((int) target.size()) : null;
    }

    String id() {
        return id;
    }

    String token() {
        return token;
    }

    Target target() {
        return target;
    }

    Instant expires() {
        return expires;
    }

    /** Takes the bytes {@code first}..{@code last} of the file, which must be the next ones; answers how many came. */
    synchronized long accept(long first, long last, byte[] bytes) {
        if (first != received || last >= target.size()) {
            throw new GraphErrorException(
                    HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
                    "InvalidRange",
                    "The range " + first + "-" + last + " cannot be accepted: upload the bytes in order; the next "
                            + "expected range starts at " + received + " of " + target.size() + ".");
        }
        digest.update(bytes);
        if (content != null) {
            content.writeBytes(bytes);
        }
        received += bytes.length;
        return received;
    }

    synchronized long received() {
        return received;
    }

    synchronized boolean complete() {
        return received == target.size();
    }

    /** The attachment the complete upload makes. */
    synchronized FileAttachment attachment(Instant now) {
        String sha256 = HexFormat.of().formatHex(digest.digest());
        return FileAttachment.uploaded(
                target.name(),
                target.contentType(),
                target.isInline(),
                (int) target.size(),
                content == null ? null : content.toByteArray(),
                content == null ? sha256 : null,
                now);
    }
}
