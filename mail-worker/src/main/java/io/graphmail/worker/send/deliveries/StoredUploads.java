package io.graphmail.worker.send.deliveries;

import com.mongodb.client.gridfs.model.GridFSFile;
import io.graphmail.contract.send.AttachmentReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.data.mongodb.core.convert.MongoConverter;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.gridfs.GridFsTemplate;
import org.springframework.stereotype.Component;

/** Reads files uploaded through the gateway (GridFS bucket {@code uploads}; the gateway writes it). */
@Component
public class StoredUploads {

    private final GridFsTemplate uploads;

    StoredUploads(MongoDatabaseFactory databases, MongoConverter converter) {
        this.uploads = new GridFsTemplate(databases, converter, "uploads");
    }

    /** @throws UnusableUpload if the file is gone */
    InputStream open(AttachmentReference reference) {
        GridFSFile file = uploads.findOne(Query.query(Criteria.where("_id").is(new ObjectId(reference.id()))));
        if (file == null) {
            throw new UnusableUpload(reference, "no longer exists");
        }
        try {
            return uploads.getResource(file).getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An uploaded attachment that cannot be sent: gone, or not the bytes that were uploaded. */
    public static final class UnusableUpload extends RuntimeException {
        public UnusableUpload(AttachmentReference reference, String problem) {
            super("uploaded attachment " + reference.id() + " (" + reference.name() + ") " + problem);
        }
    }
}
