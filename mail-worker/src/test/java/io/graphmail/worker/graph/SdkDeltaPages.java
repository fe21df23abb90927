package io.graphmail.worker.graph;

import com.microsoft.graph.models.ItemBody;
import com.microsoft.graph.models.Message;
import com.microsoft.graph.models.Recipient;
import com.microsoft.graph.users.item.mailfolders.item.messages.delta.DeltaGetResponse;
import com.microsoft.kiota.serialization.JsonParseNodeFactory;
import io.graphmail.worker.graph.MailboxReader.ChangedMessage;
import io.graphmail.worker.graph.MailboxReader.DeltaPage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.bson.Document;

/**
 * How delta pages were read before they were parsed raw: the Graph SDK's models ({@link DeltaGetResponse} of
 * {@link Message}s, read by Kiota's JSON parse nodes), mapped to the stored fields as the worker mapped them. The
 * reference the raw parsing is held to.
 */
final class SdkDeltaPages {

    private SdkDeltaPages() {}

    static DeltaPage read(String json) {
        var response = new JsonParseNodeFactory()
                .getParseNode("application/json", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)))
                .getObjectValue(DeltaGetResponse::createFromDiscriminatorValue);
        return of(response);
    }

    static DeltaPage of(DeltaGetResponse response) {
        var changed = new ArrayList<ChangedMessage>();
        var removed = new ArrayList<String>();
        for (Message message : response.getValue() == null ? List.<Message>of() : response.getValue()) {
            var extra = message.getAdditionalData();
            if (extra != null && extra.containsKey("@removed")) {
                removed.add(message.getId());
            } else {
                changed.add(new ChangedMessage(message.getId(), fieldsOf(message)));
            }
        }
        return new DeltaPage(changed, removed, response.getOdataNextLink(), response.getOdataDeltaLink());
    }

    private static Document fieldsOf(Message message) {
        var fields = new Document();
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
                : recipients.stream().map(SdkDeltaPages::address).toList();
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
