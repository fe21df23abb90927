package io.graphmail.simulator.messages;

import io.graphmail.simulator.mailbox.Message;
import io.graphmail.simulator.web.GraphErrorException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Graph's filters on single-value extended properties: {@code $filter=singleValueExtendedProperties/any(ep: ep/id eq
 * '...' and ep/value eq '...')} on listings, and {@code $expand=singleValueExtendedProperties($filter=id eq '...')}.
 * The property's name in the id is case-sensitive, its type, GUID and the value are not, as Graph documents.
 */
final class ExtendedPropertyFilter {

    private static final String LITERAL = "'((?:[^']|'')*)'";
    private static final Pattern ANY = Pattern.compile(
            "\\s*singleValueExtendedProperties/any\\(\\s*(\\w+)\\s*:\\s*\\1/id\\s+eq\\s+" + LITERAL
                    + "(?:\\s+and\\s+\\1/value\\s+eq\\s+" + LITERAL + ")?\\s*\\)\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern EXPANSION =
            Pattern.compile("\\s*\\$filter\\s*=\\s*id\\s+eq\\s+" + LITERAL + "\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern NAMED =
            Pattern.compile("\\s*(\\w+)\\s+(\\{[0-9a-f-]+\\})\\s+(name|id)\\s+(.+?)\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern TAGGED =
            Pattern.compile("\\s*(\\w+)\\s+0x([0-9a-f]{1,8})\\s*", Pattern.CASE_INSENSITIVE);

    private ExtendedPropertyFilter() {}

    /** Whether a {@code $filter} is about extended properties. */
    static boolean isAbout(String filter) {
        return filter.strip().regionMatches(true, 0, "singleValueExtendedProperties", 0, 29);
    }

    /** The messages having the extended property, with the value if one is given. */
    static Predicate<Message> parse(String filter) {
        Matcher matcher = ANY.matcher(filter);
        if (!matcher.matches()) {
            throw GraphErrorException.badRequest(
                    "ErrorInvalidUrlQueryFilter",
                    "Only singleValueExtendedProperties/any(ep: ep/id eq '...' and ep/value eq '...') is supported.");
        }
        Predicate<Message.ExtendedProperty> property = withId(unquote(matcher.group(2)));
        String value = matcher.group(3);
        Predicate<Message.ExtendedProperty> matching = value == null
                ? property
                : property.and(candidate -> unquote(value).equalsIgnoreCase(candidate.value()));
        return message -> properties(message).stream().anyMatch(matching);
    }

    /** The properties an {@code $expand=singleValueExtendedProperties(...)} keeps: all without options. */
    static Predicate<Message.ExtendedProperty> expansion(String options) {
        if (options == null || options.isBlank()) {
            return property -> true;
        }
        Matcher matcher = EXPANSION.matcher(options);
        if (!matcher.matches()) {
            throw GraphErrorException.badRequest(
                    "ErrorInvalidUrlQuery", "Expand extended properties with ($filter=id eq '...').");
        }
        return withId(unquote(matcher.group(1)));
    }

    static List<Message.ExtendedProperty> properties(Message message) {
        return Objects.requireNonNullElse(message.singleValueExtendedProperties(), List.of());
    }

    private static Predicate<Message.ExtendedProperty> withId(String id) {
        String key = key(id);
        return property -> property != null && property.id() != null && key.equals(key(property.id()));
    }

    /** An id as Graph compares it: {@code String {GUID} Name X} keeps only X's case; {@code Integer 0x0E0A} its number. */
    private static String key(String id) {
        Matcher named = NAMED.matcher(id);
        if (named.matches()) {
            String kind = named.group(3).toLowerCase(Locale.ROOT);
            String name = kind.equals("name") ? named.group(4) : named.group(4).toLowerCase(Locale.ROOT);
            return String.join(" ", lower(named.group(1)), lower(named.group(2)), kind, name);
        }
        Matcher tagged = TAGGED.matcher(id);
        if (tagged.matches()) {
            return lower(tagged.group(1)) + " " + Long.parseLong(tagged.group(2), 16);
        }
        return id.strip();
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    private static String unquote(String literal) {
        return literal.replace("''", "'");
    }
}
