package io.graphmail.gateway.messages;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Field;
import org.springframework.data.mongodb.core.mapping.FieldType;
import org.springframework.data.mongodb.core.mapping.MongoId;

/**
 * A message in the {@code messages} collection, which the mail worker writes and the gateway only reads.
 *
 * <p>Its fields are described in the README ("Stored mail"); fields this API does not show are not read.
 *
 * @param id our message id, a string derived from the account and Graph's id
 * @param folder the well-known folder name: {@code inbox} or {@code sentitems}
 * @param folderName the folder's display name, e.g. {@code Sent Items}
 * @param receivedDateTime always set; with {@code id}, the order in which messages are listed
 * @param flag Graph's flag status: {@code notFlagged}, {@code flagged} or {@code complete}
 * @param deletedAt when the message disappeared from the mailbox; null while it is there
 */
@Document("messages")
record StoredMessage(
        @MongoId(FieldType.STRING) String id,
        String accountId,
        String folder,
        String folderName,
        String subject,
        Address from,
        List<Address> to,
        List<Address> cc,
        List<Address> bcc,
        List<Address> replyTo,
        Instant receivedDateTime,
        Instant sentDateTime,
        String conversationId,
        String internetMessageId,
        String bodyPreview,
        Body body,
        String importance,
        Boolean isRead,
        Boolean isDraft,
        Boolean hasAttachments,
        List<String> categories,
        String flag,
        String webLink,
        List<Attachment> attachments,
        Instant deletedAt) {

    Optional<Attachment> attachment(String attachmentId) {
        return attachments == null
                ? Optional.empty()
                : attachments.stream()
                        .filter(attachment -> attachmentId.equals(attachment.attachmentId()))
                        .findFirst();
    }

    @Schema(name = "MessageAddress")
    record Address(String name, String address) {}

    @Schema(name = "MessageBody")
    record Body(String contentType, String content) {}

    /**
     * An attachment's description; its content is in the GridFS bucket {@code attachments}.
     *
     * @param attachmentId Graph's attachment id, stored as {@code id}
     * @param contentId hex ObjectId of the GridFS file holding the content; null when the content was not
     *     stored (too large)
     */
    record Attachment(
            @Field("id") String attachmentId,
            String name,
            String contentType,
            Long size,
            Boolean isInline,
            String contentId) {}
}
