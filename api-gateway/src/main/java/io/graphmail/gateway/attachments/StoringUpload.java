package io.graphmail.gateway.attachments;

import java.io.IOException;
import java.io.PushbackInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Accepts a file for later sends: checks its name and type against the limits, then streams it into
 * the {@code uploads} bucket. A file over the size limit is refused before a byte is read when its
 * length is announced, and otherwise as soon as it runs past the limit.
 */
@Service
class StoringUpload {

    private static final Logger log = LoggerFactory.getLogger(StoringUpload.class);
    private static final int MAX_NAME_CHARS = 255;

    private final Uploads uploads;
    private final AttachmentProperties properties;

    StoringUpload(Uploads uploads, AttachmentProperties properties) {
        this.uploads = uploads;
        this.properties = properties;
    }

    /** @throws UploadProblem if the file is refused; nothing is kept then */
    Upload store(UploadSource source, String uploadedBy) throws IOException {
        String name = FileNames.clean(source.name());
        if (name == null) {
            throw UploadProblem.invalid("name", "give the file name as ?name= or in a Content-Disposition header");
        }
        if (name.length() > MAX_NAME_CHARS) {
            throw UploadProblem.invalid("name", "may be at most " + MAX_NAME_CHARS + " characters");
        }
        if (!properties.allows(source.contentType())) {
            throw UploadProblem.unsupportedType(source.contentType(), properties.allowedContentTypes());
        }
        long maxBytes = properties.maxBytes().toBytes();
        if (source.declaredLength() > maxBytes) {
            throw UploadProblem.tooLarge(properties.maxBytes());
        }
        var content = new PushbackInputStream(source.content(), 1);
        int first = content.read();
        if (first == -1) {
            throw UploadProblem.invalid(source.field(), "must not be empty");
        }
        content.unread(first);
        try {
            Upload upload = uploads.store(name, source.contentType().toString(), uploadedBy, content, maxBytes);
            log.info("Stored upload {} ({} bytes) for client {}", upload.id(), upload.size(), uploadedBy);
            return upload;
        } catch (Uploads.TooLarge e) {
            throw UploadProblem.tooLarge(properties.maxBytes());
        }
    }
}
