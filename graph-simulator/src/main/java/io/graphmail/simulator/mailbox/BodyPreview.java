package io.graphmail.simulator.mailbox;

import java.util.regex.Pattern;

/** Graph's bodyPreview: the first 255 characters of the body as plain text. */
public final class BodyPreview {

    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final int LENGTH = 255;

    private BodyPreview() {}

    public static String of(Message.ItemBody body) {
        if (body == null || body.content() == null) {
            return "";
        }
        String text = "html".equalsIgnoreCase(body.contentType())
                ? TAG.matcher(body.content()).replaceAll(" ")
                : body.content();
        String collapsed = WHITESPACE.matcher(text).replaceAll(" ").strip();
        return collapsed.length() <= LENGTH ? collapsed : collapsed.substring(0, LENGTH);
    }
}
