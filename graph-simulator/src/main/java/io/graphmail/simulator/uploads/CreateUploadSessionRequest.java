package io.graphmail.simulator.uploads;

/** The body of {@code attachments/createUploadSession}: {@code {"AttachmentItem": {...}}}, as Graph and its SDK send it. */
record CreateUploadSessionRequest(AttachmentItem attachmentItem) {

    /** The file to come: its type ({@code file}), name, size in bytes, content type and whether it is inline. */
    record AttachmentItem(String attachmentType, String name, Long size, String contentType, Boolean isInline) {}
}
