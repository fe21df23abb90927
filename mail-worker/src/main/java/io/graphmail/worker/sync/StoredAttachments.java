package io.graphmail.worker.sync;

import io.graphmail.worker.accounts.AccountSettings;
import io.graphmail.worker.graph.MailboxReader;
import io.graphmail.worker.graph.MailboxReader.AttachmentInfo;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bson.Document;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.data.mongodb.core.convert.MongoConverter;
import org.springframework.data.mongodb.gridfs.GridFsTemplate;
import org.springframework.stereotype.Component;

/**
 * Attachment contents, in the GridFS bucket {@code attachments}; workers are its only writers.
 * Contents up to {@code graphmail.sync.attachments.max-bytes} are downloaded once; larger ones
 * are described but not stored.
 */
@Component
class StoredAttachments {

    static final String BUCKET = "attachments";

    private final GridFsTemplate gridFs;
    private final MailboxReader reader;
    private final SyncProperties properties;

    StoredAttachments(
            MongoDatabaseFactory databases, MongoConverter converter, MailboxReader reader, SyncProperties properties) {
        this.gridFs = new GridFsTemplate(databases, converter, BUCKET);
        this.reader = reader;
        this.properties = properties;
    }

    /**
     * The attachment documents of a message, downloading what is new and small enough;
     * {@code stored} is what an earlier sync stored for it (never downloaded twice).
     */
    List<Document> of(AccountSettings account, String messageId, String graphId, List<Document> stored) {
        var documents = new ArrayList<Document>();
        for (AttachmentInfo attachment : reader.attachments(account, graphId)) {
            String contentId = storedContentId(stored, attachment.id());
            if (contentId == null && attachment.isFile() && attachment.size() <= maxBytes()) {
                byte[] content = reader.attachmentContent(account, graphId, attachment.id());
                contentId = store(account.id(), messageId, attachment, content);
            }
            documents.add(new Document("id", attachment.id())
                    .append("name", attachment.name())
                    .append("contentType", attachment.contentType())
                    .append("size", attachment.size())
                    .append("isInline", attachment.isInline())
                    .append("contentId", contentId));
        }
        return documents;
    }

    private String store(String accountId, String messageId, AttachmentInfo attachment, byte[] content) {
        var metadata = new Document("accountId", accountId)
                .append("messageId", messageId)
                .append("attachmentId", attachment.id())
                .append("contentType", attachment.contentType());
        return gridFs.store(new ByteArrayInputStream(content), attachment.name(), attachment.contentType(), metadata)
                .toHexString();
    }

    private long maxBytes() {
        return properties.attachments().maxBytes().toBytes();
    }

    private static String storedContentId(List<Document> stored, String attachmentId) {
        if (stored == null) {
            return null;
        }
        return stored.stream()
                .filter(document -> attachmentId.equals(document.getString("id")))
                .map(document -> document.getString("contentId"))
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
    }
}
