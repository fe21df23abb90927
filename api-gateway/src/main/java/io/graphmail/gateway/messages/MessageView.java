package io.graphmail.gateway.messages;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.graphmail.gateway.messages.StoredMessage.Address;
import io.graphmail.gateway.messages.StoredMessage.Body;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** What the API shows of an archived message; lists leave out the body. */
@Schema(description = "An archived message")
record MessageView(
        String id,
        String accountId,

        @Schema(description = "Well-known folder name", example = "inbox")
        String folder,

        @Schema(example = "Inbox") String folderName,

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

        @Schema(description = "Only on GET /api/v1/messages/{id}") @JsonInclude(JsonInclude.Include.NON_NULL)
        Body body,

        String importance,
        boolean isRead,
        boolean isDraft,
        boolean hasAttachments,
        List<String> categories,

        @Schema(
                description = "Flag status",
                allowableValues = {"notFlagged", "flagged", "complete"})
        String flag,

        String webLink,
        List<AttachmentView> attachments,

        @Schema(description = "When the message disappeared from the mailbox; null while it is there")
        Instant deletedAt) {

    private static final Body EMPTY_BODY = new Body("text", "");

    @Schema(description = "An attachment; download it when downloadable (its content was archived)")
    record AttachmentView(
            String id, String name, String contentType, Long size, boolean isInline, boolean downloadable) {

        static AttachmentView of(StoredMessage.Attachment attachment) {
            return new AttachmentView(
                    attachment.attachmentId(),
                    attachment.name(),
                    attachment.contentType(),
                    attachment.size(),
                    Boolean.TRUE.equals(attachment.isInline()),
                    attachment.contentId() != null);
        }
    }

    static MessageView listItem(StoredMessage message) {
        return of(message, null);
    }

    static MessageView full(StoredMessage message) {
        return of(message, message.body() == null ? EMPTY_BODY : message.body());
    }

    private static MessageView of(StoredMessage message, Body body) {
        return new MessageView(
                message.id(),
                message.accountId(),
                message.folder(),
                message.folderName(),
                message.subject(),
                message.from(),
                listOrEmpty(message.to()),
                listOrEmpty(message.cc()),
                listOrEmpty(message.bcc()),
                listOrEmpty(message.replyTo()),
                message.receivedDateTime(),
                message.sentDateTime(),
                message.conversationId(),
                message.internetMessageId(),
                message.bodyPreview(),
                body,
                message.importance(),
                Boolean.TRUE.equals(message.isRead()),
                Boolean.TRUE.equals(message.isDraft()),
                Boolean.TRUE.equals(message.hasAttachments()),
                listOrEmpty(message.categories()),
                message.flag(),
                message.webLink(),
                listOrEmpty(message.attachments()).stream()
                        .map(AttachmentView::of)
                        .toList(),
                message.deletedAt());
    }

    private static <T> List<T> listOrEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
