package io.graphmail.contract.send;

/**
 * A small file sent inline with the message.
 *
 * @param name the file name the recipient sees
 * @param contentType its media type, e.g. {@code application/pdf}
 * @param contentBase64 the bytes, Base64-encoded
 */
public record MailAttachment(String name, String contentType, String contentBase64) {}
