package io.graphmail.gateway.messages;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.domain.Sort;

/** Parses query parameters, collecting an error for each one that is not valid instead of stopping. */
final class ParameterReader {

    static final int MAX_TEXT = 256;

    private final List<MessageProblem.ParameterError> errors = new ArrayList<>();

    String text(String name, String value) {
        String text = blankToNull(value);
        if (text != null && text.length() > MAX_TEXT) {
            return reject(name, "must be at most " + MAX_TEXT + " characters");
        }
        return text;
    }

    Instant instant(String name, String value) {
        String text = blankToNull(value);
        if (text == null) {
            return null;
        }
        try {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
        } catch (DateTimeParseException e) {
            return reject(name, "must be an ISO-8601 instant such as 2025-01-31T09:00:00Z");
        }
    }

    Boolean bool(String name, String value) {
        String text = blankToNull(value);
        if (text == null) {
            return null;
        }
        if ("true".equalsIgnoreCase(text) || "false".equalsIgnoreCase(text)) {
            return Boolean.valueOf(text);
        }
        return reject(name, "must be true or false");
    }

    /** The direction asked for; null when the parameter is absent. */
    Sort.Direction direction(String name, String value) {
        String text = blankToNull(value);
        if (text == null) {
            return null;
        }
        return switch (text.replace(" ", "")) {
            case "receivedDateTime,desc" -> Sort.Direction.DESC;
            case "receivedDateTime,asc" -> Sort.Direction.ASC;
            default -> reject(name, "must be receivedDateTime,desc or receivedDateTime,asc");
        };
    }

    int limit(String name, String value, int defaultLimit, int maxLimit) {
        String text = blankToNull(value);
        if (text == null) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= maxLimit) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        reject(name, "must be a whole number from 1 to " + maxLimit);
        return defaultLimit;
    }

    MessageCursor.Decoded cursor(String name, String value, MessageFilter filter, Sort.Direction requested) {
        String text = blankToNull(value);
        if (text == null) {
            return null;
        }
        try {
            MessageCursor.Decoded decoded = MessageCursor.decode(text, filter);
            if (requested != null && requested != decoded.direction()) {
                return reject(name, "was issued for the other sort direction; keep the sort it came with");
            }
            return decoded;
        } catch (MessageCursor.Invalid e) {
            return reject(name, e.getMessage());
        }
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    void throwIfAny() {
        if (hasErrors()) {
            throw MessageProblem.invalidParameters(errors);
        }
    }

    private <T> T reject(String name, String message) {
        errors.add(new MessageProblem.ParameterError(name, message));
        return null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
