package io.graphmail.gateway.attachments;

import io.swagger.v3.oas.annotations.media.Schema;

/** What the API shows of an uploaded file. */
@Schema(description = "An uploaded file, ready to be sent by its id (attachmentIds)")
record UploadView(
        @Schema(example = "665f1c2e9b1d4a3f8c2e7a10") String id,
        @Schema(example = "report.pdf") String name,
        @Schema(example = "application/pdf") String contentType,
        @Schema(description = "Length in bytes") long size,
        @Schema(description = "SHA-256 of the bytes, hex") String sha256) {

    static UploadView of(Upload upload) {
        return new UploadView(upload.id(), upload.name(), upload.contentType(), upload.size(), upload.sha256());
    }
}
