package io.graphmail.gateway.messages;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.springframework.data.domain.Sort;

/**
 * The opaque {@code cursor} of the message list: base64url of the version, the sort direction, the last
 * item's receivedDateTime (epoch milliseconds, MongoDB's precision) and the filter's fingerprint, then its id.
 */
final class MessageCursor {

    private static final String VERSION = "1";
    private static final String SEPARATOR = "|";

    private MessageCursor() {}

    record Decoded(Sort.Direction direction, PagePosition position) {}

    /** The cursor is malformed or was issued for another filter; the message says which, for the client. */
    static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    static String encode(MessageFilter filter, Sort.Direction direction, PagePosition position) {
        String payload = String.join(
                SEPARATOR,
                VERSION,
                direction.isAscending() ? "a" : "d",
                Long.toString(position.receivedDateTime().toEpochMilli()),
                filter.fingerprint(),
                position.id());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    }

    static Decoded decode(String cursor, MessageFilter filter) {
        String[] parts = payload(cursor).split("\\|", 5);
        if (parts.length != 5 || !VERSION.equals(parts[0]) || parts[4].isEmpty()) {
            throw malformed();
        }
        Sort.Direction direction = switch (parts[1]) {
            case "a" -> Sort.Direction.ASC;
            case "d" -> Sort.Direction.DESC;
            default -> throw malformed();
        };
        if (!filter.fingerprint().equals(parts[3])) {
            throw new Invalid("was issued for other filters; repeat the filters it came with or start without it");
        }
        return new Decoded(direction, new PagePosition(Instant.ofEpochMilli(millis(parts[2])), parts[4]));
    }

    private static String payload(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw malformed();
        }
    }

    private static long millis(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw malformed();
        }
    }

    private static Invalid malformed() {
        return new Invalid("is not a cursor this API issued; pass nextCursor unchanged");
    }
}
