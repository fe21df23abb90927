package io.graphmail.contract.send;

/**
 * The body of a message.
 *
 * @param contentType how {@code content} is to be read
 * @param content the text or HTML
 */
public record MailBody(ContentType contentType, String content) {

    /** The two body types Microsoft Graph knows. */
    public enum ContentType {
        HTML,
        TEXT
    }
}
