package io.graphmail.simulator.messages;

import io.graphmail.simulator.mailbox.Message;
import io.graphmail.simulator.web.GraphErrorException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of OData's {@code $filter} the simulator understands: comparisons of {@code receivedDateTime} with
 * {@code ge}, {@code gt}, {@code le} or {@code lt}, joined by {@code and}.
 */
public final class ReceivedDateFilter {

    private static final Pattern AND = Pattern.compile("\\s+and\\s+", Pattern.CASE_INSENSITIVE);
    private static final Pattern COMPARISON =
            Pattern.compile("receivedDateTime\\s+(ge|gt|le|lt)\\s+'?([^'\\s]+)'?", Pattern.CASE_INSENSITIVE);

    private ReceivedDateFilter() {}

    public static Predicate<Message> parse(String filter) {
        if (filter == null || filter.isBlank()) {
            return message -> true;
        }
        return Arrays.stream(AND.split(filter.strip()))
                .map(ReceivedDateFilter::comparison)
                .reduce(message -> true, Predicate::and);
    }

    private static Predicate<Message> comparison(String clause) {
        Matcher matcher = COMPARISON.matcher(clause.strip());
        if (!matcher.matches()) {
            throw invalid("Unsupported filter clause '" + clause.strip() + "'.");
        }
        Instant bound = instant(matcher.group(2));
        Predicate<Instant> test = switch (matcher.group(1).toLowerCase(Locale.ROOT)) {
            case "ge" -> received -> !received.isBefore(bound);
            case "gt" -> received -> received.isAfter(bound);
            case "le" -> received -> !received.isAfter(bound);
            default -> received -> received.isBefore(bound);
        };
        return message -> test.test(message.receivedDateTime());
    }

    private static Instant instant(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notADateTime) {
            try {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notADate) {
                throw invalid("'" + value + "' is not a valid date and time.");
            }
        }
    }

    private static GraphErrorException invalid(String message) {
        return GraphErrorException.badRequest("ErrorInvalidUrlQueryFilter", message);
    }
}
