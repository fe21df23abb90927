package io.graphmail.simulator.mail;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.graphmail.simulator.web.GraphErrorException;
import java.time.Instant;
import java.util.Base64;

/** A file attachment in Graph's shape; {@code contentBytes} holds the content, Base64-encoded. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record FileAttachment(
        @JsonProperty("@odata.type") String odataType,
        String id,
        String name,
        String contentType,
        Integer size,
        Boolean isInline,
        Instant lastModifiedDateTime,
        String contentBytes) {

    static final String ODATA_TYPE = "#microsoft.graph.fileAttachment";

    /** This attachment as Graph stores it: with an id, its size, a content type and a modification time. */
    FileAttachment stored(Instant now) {
        return new FileAttachment(
                ODATA_TYPE,
                id == null ? Ids.attachment() : id,
                name == null ? "attachment" : name,
                contentType == null ? "application/octet-stream" : contentType,
                size == null ? decodedSize() : size,
                isInline != null && isInline,
                lastModifiedDateTime == null ? now : lastModifiedDateTime,
                contentBytes == null ? "" : contentBytes);
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
    byte[] content() {
        return contentBytes == null ? new byte[0] : Base64.getDecoder().decode(contentBytes);
    }
}
