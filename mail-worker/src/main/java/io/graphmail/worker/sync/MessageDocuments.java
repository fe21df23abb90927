package io.graphmail.worker.sync;

import com.microsoft.graph.models.ItemBody;
import com.microsoft.graph.models.Message;
import com.microsoft.graph.models.Recipient;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.bson.Document;

/** How a Graph message is stored in the {@code messages} collection (field names in the README). */
final class MessageDocuments {

    private MessageDocuments() {}

    /** Our id for a Graph message: stable, URL-safe, and the same on every worker. */
    static String idOf(String accountId, String graphId) {
        return UUID.nameUUIDFromBytes((accountId + "\n" + graphId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** The stored fields Graph's message determines (not ids, attachments or sync times). */
    static Document fieldsOf(Message message, SyncingFolder.Folder folder) {
        var fields = new Document();
        fields.put("folder", folder.wellKnownName());
        fields.put("folderName", folder.name());
        fields.put("parentFolderId", message.getParentFolderId());
        fields.put("subject", message.getSubject());
        fields.put("from", address(message.getFrom()));
        fields.put("sender", address(message.getSender()));
        fields.put("to", addresses(message.getToRecipients()));
        fields.put("cc", addresses(message.getCcRecipients()));
        fields.put("bcc", addresses(message.getBccRecipients()));
        fields.put("replyTo", addresses(message.getReplyTo()));
        fields.put("receivedDateTime", date(message.getReceivedDateTime()));
        fields.put("sentDateTime", date(message.getSentDateTime()));
        fields.put("conversationId", message.getConversationId());
        fields.put("internetMessageId", message.getInternetMessageId());
        fields.put("bodyPreview", message.getBodyPreview());
        fields.put("body", body(message.getBody()));
        fields.put(
                "importance",
                message.getImportance() == null ? null : message.getImportance().getValue());
        fields.put("isRead", Boolean.TRUE.equals(message.getIsRead()));
        fields.put("isDraft", Boolean.TRUE.equals(message.getIsDraft()));
        fields.put("hasAttachments", Boolean.TRUE.equals(message.getHasAttachments()));
        fields.put("categories", message.getCategories() == null ? List.of() : message.getCategories());
        fields.put(
                "flag",
                message.getFlag() == null || message.getFlag().getFlagStatus() == null
                        ? null
                        : message.getFlag().getFlagStatus().getValue());
        fields.put("webLink", message.getWebLink());
        return fields;
    }

    private static Document body(ItemBody body) {
        if (body == null) {
            return null;
        }
        String type =
                body.getContentType() == null ? "text" : body.getContentType().getValue();
        return new Document("contentType", type.toLowerCase(Locale.ROOT)).append("content", body.getContent());
    }

    private static List<Document> addresses(List<Recipient> recipients) {
        return recipients == null
                ? List.of()
                : recipients.stream().map(MessageDocuments::address).toList();
    }

    private static Document address(Recipient recipient) {
        if (recipient == null || recipient.getEmailAddress() == null) {
            return null;
        }
        String address = recipient.getEmailAddress().getAddress();
        return new Document("name", recipient.getEmailAddress().getName())
                .append("address", address == null ? null : address.toLowerCase(Locale.ROOT));
    }

    private static Date date(OffsetDateTime time) {
        return time == null ? null : Date.from(time.toInstant());
    }
}
