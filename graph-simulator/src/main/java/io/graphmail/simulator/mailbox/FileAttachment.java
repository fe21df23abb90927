package io.graphmail.simulator.mailbox;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.graphmail.simulator.web.GraphErrorException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A file attachment in Graph's shape; {@code contentBytes} holds the content, Base64-encoded. Large uploaded
 * attachments keep no content, only their size and {@code sha256}: enough to tell what was sent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FileAttachment(
        @JsonProperty("@odata.type") String odataType,
        String id,
        String name,
        String contentType,
        Integer size,
        Boolean isInline,
        Instant lastModifiedDateTime,
        String contentBytes,
        @JsonIgnore String sha256) {

    public static final String ODATA_TYPE = "#microsoft.graph.fileAttachment";

    /** An attachment put together by an upload session: its content, or null when only its digest is kept. */
    public static FileAttachment uploaded(
            String name, String contentType, boolean isInline, int size, byte[] content, String sha256, Instant now) {
        return new FileAttachment(
                ODATA_TYPE,
                Ids.attachment(),
                name,
                contentType == null ? "application/octet-stream" : contentType,
                size,
                isInline,
                now,
                content == null ? null : Base64.getEncoder().encodeToString(content),
                sha256);
    }

    /** This attachment as Graph stores it: with an id, its size, a content type and a modification time. */
    public FileAttachment stored(Instant now) {
        return new FileAttachment(
                ODATA_TYPE,
                id == null ? Ids.attachment() : id,
                name == null ? "attachment" : name,
                contentType == null ? "application/octet-stream" : contentType,
                size == null ? decodedSize() : size,
                isInline != null && isInline,
                lastModifiedDateTime == null ? now : lastModifiedDateTime,
                contentBytes == null && sha256 == null ? "" : contentBytes,
                sha256);
    }

    private int decodedSize() {
        try {
            return content().length;
        } catch (IllegalArgumentException notBase64) {
            throw GraphErrorException.badRequest(
                    "ErrorInvalidRequest", "The contentBytes of attachment '" + name + "' are not Base64.");
        }
    }

    /** The decoded content; throws {@link IllegalArgumentException} when {@code contentBytes} is not Base64. */
    @JsonIgnore
    public byte[] content() {
        return contentBytes == null ? new byte[0] : Base64.getDecoder().decode(contentBytes);
    }

    /** Whether the content itself is kept, rather than only its size and digest. */
    @JsonIgnore
    public boolean hasContent() {
        return contentBytes != null;
    }

    /** The SHA-256 of the content, as lower-case hex. */
    public String sha256Hex() {
        return sha256 != null ? sha256 : hex(content());
    }

    private static String hex(byte[] content) {
        return HexFormat.of().formatHex(digest().digest(content));
    }

    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}
