package io.graphmail.contract.send;

/**
 * A file uploaded once through the gateway ({@code POST /api/v1/attachments}) and sent with any
 * number of messages. Its bytes are in the GridFS bucket {@code uploads}, under {@code id}.
 *
 * @param id the upload's id (a GridFS file id, hex)
 * @param name the file name the recipient sees
 * @param contentType its media type
 * @param size its length in bytes
 * @param sha256 the SHA-256 of its bytes, hex, so a worker can check what it read
 */
public record AttachmentReference(String id, String name, String contentType, long size, String sha256) {}
