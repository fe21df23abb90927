package io.graphmail.gateway.attachments;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.GridFSUploadStream;
import com.mongodb.client.gridfs.model.GridFSFile;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import com.mongodb.client.model.Updates;
import io.graphmail.platform.hashing.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.stereotype.Component;

/**
 * The GridFS bucket {@code uploads}: files uploaded through the gateway, its only writer; workers read
 * them by id. Each file's metadata is {@code {name, contentType, size, sha256, uploadedBy, uploadedAt}}.
 */
@Component
class Uploads {

    static final String BUCKET = "uploads";

    private static final int BUFFER_BYTES = 64 * 1024;

    private final GridFSBucket bucket;
    private final MongoCollection<Document> files;
    private final Clock clock;

    Uploads(MongoDatabaseFactory databases, Clock clock) {
        var database = databases.getMongoDatabase();
        this.bucket = GridFSBuckets.create(database, BUCKET);
        this.files = database.getCollection(BUCKET + ".files");
        this.clock = clock;
    }

    /**
     * Streams the content into GridFS, hashing it on the way, and never holds more than a buffer of it.
     *
     * <p>GridFS takes a file's metadata when the upload is opened, but the SHA-256 is known only after
     * the last byte. Rather than spool the file to disk to hash it first (every byte written and read
     * twice), the file is stored and its {@code uploads.files} document then given {@code sha256} and
     * {@code size}. Its id is handed out only after that update, so no reader ever sees the file
     * without its hash; should the update fail, the file is deleted. Files lacking a hash (the gateway
     * stopped in between) are never found.
     *
     * @throws TooLarge if the content is longer than {@code maxBytes}; nothing is kept
     */
    Upload store(String name, String contentType, String uploadedBy, InputStream content, long maxBytes)
            throws IOException {
        var uploadedAt = clock.instant();
        var metadata = new Document("name", name)
                .append("contentType", contentType)
                .append("uploadedBy", uploadedBy)
                .append("uploadedAt", Date.from(uploadedAt));
        GridFSUploadStream upload = bucket.openUploadStream(name, new GridFSUploadOptions().metadata(metadata));
        MessageDigest sha256 = Sha256.newDigest();
        long size = 0;
        try {
            byte[] buffer = new byte[BUFFER_BYTES];
            for (int read = content.read(buffer); read != -1; read = content.read(buffer)) {
                size += read;
                if (size > maxBytes) {
                    throw new TooLarge();
                }
                sha256.update(buffer, 0, read);
                upload.write(buffer, 0, read);
            }
        } catch (IOException | RuntimeException e) {
            abort(upload, e);
            throw e;
        }
        String hash = Sha256.hex(sha256);
        ObjectId id = upload.getObjectId();
        try {
            upload.close();
            files.updateOne(
                    eq("_id", id),
                    Updates.combine(Updates.set("metadata.size", size), Updates.set("metadata.sha256", hash)));
        } catch (RuntimeException e) {
            discard(id, e);
            throw e;
        }
        return new Upload(id.toHexString(), name, contentType, size, hash, uploadedBy, uploadedAt);
    }

    private static void abort(GridFSUploadStream upload, Exception cause) {
        try {
            upload.abort();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    /** Deletes the file's chunks and, if written, its files document. */
    private void discard(ObjectId id, Exception cause) {
        try {
            bucket.delete(id);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    Optional<Upload> find(String id) {
        return findAll(List.of(id)).stream().findFirst();
    }

    /** The complete uploads among these ids; ids that are not ObjectIds are simply not found. */
    List<Upload> findAll(Collection<String> ids) {
        List<ObjectId> objectIds = ids.stream()
                .filter(ObjectId::isValid)
                .map(ObjectId::new)
                .distinct()
                .toList();
        if (objectIds.isEmpty()) {
            return List.of();
        }
        Bson complete = and(in("_id", objectIds), exists("metadata.sha256"));
        var found = new ArrayList<Upload>();
        bucket.find(complete).forEach(file -> found.add(upload(file)));
        return found;
    }

    private static Upload upload(GridFSFile file) {
        Document metadata = file.getMetadata();
        Date uploadedAt = metadata.getDate("uploadedAt");
        return new Upload(
                file.getObjectId().toHexString(),
                metadata.getString("name"),
                metadata.getString("contentType"),
                file.getLength(),
                metadata.getString("sha256"),
                metadata.getString("uploadedBy"),
                uploadedAt == null ? null : uploadedAt.toInstant());
    }

    /** The content ran past the limit; whatever was written of it is gone. */
    static final class TooLarge extends IOException {
        TooLarge() {
            super("the upload exceeds its limit");
        }
    }
}
