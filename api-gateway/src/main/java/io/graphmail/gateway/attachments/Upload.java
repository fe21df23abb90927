package io.graphmail.gateway.attachments;

import io.graphmail.contract.send.AttachmentReference;
import java.time.Instant;

/** A file stored in the GridFS bucket {@code uploads}, as its {@code uploads.files} document describes it. */
record Upload(
        String id, String name, String contentType, long size, String sha256, String uploadedBy, Instant uploadedAt) {

    AttachmentReference reference() {
        return new AttachmentReference(id, name, contentType, size, sha256);
    }
}
