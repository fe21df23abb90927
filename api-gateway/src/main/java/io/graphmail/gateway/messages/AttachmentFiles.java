package io.graphmail.gateway.messages;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.client.gridfs.model.GridFSFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.data.mongodb.gridfs.GridFsOperations;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/** Attachment contents in the GridFS bucket {@code attachments}, which the mail worker writes. */
@Component
class AttachmentFiles {

    private final GridFsOperations bucket;

    AttachmentFiles(@Qualifier(MessagesConfiguration.ATTACHMENTS_BUCKET_BEAN) GridFsOperations bucket) {
        this.bucket = bucket;
    }

    /** The attachment's content, streamed from GridFS; empty when it was not stored. */
    Optional<AttachmentContent> open(StoredMessage.Attachment attachment) {
        String contentId = attachment.contentId();
        if (contentId == null || !ObjectId.isValid(contentId)) {
            return Optional.empty();
        }
        GridFSFile file = bucket.findOne(query(where("_id").is(new ObjectId(contentId))));
        if (file == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AttachmentContent(
                    filename(attachment, file),
                    contentType(attachment, file),
                    file.getLength(),
                    bucket.getResource(file).getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String filename(StoredMessage.Attachment attachment, GridFSFile file) {
        String name = attachment.name() != null ? attachment.name() : file.getFilename();
        return name == null || name.isBlank() ? "attachment" : name.replaceAll("\\p{Cntrl}", "_");
    }

    private static MediaType contentType(StoredMessage.Attachment attachment, GridFSFile file) {
        Document metadata = file.getMetadata();
        String type = attachment.contentType() != null
                ? attachment.contentType()
                : metadata == null ? null : metadata.getString("contentType");
        try {
            return type == null ? MediaType.APPLICATION_OCTET_STREAM : MediaType.parseMediaType(type);
        } catch (InvalidMediaTypeException e) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
    }
}
