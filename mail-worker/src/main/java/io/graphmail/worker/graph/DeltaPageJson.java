package io.graphmail.worker.graph;

import io.graphmail.worker.graph.MailboxReader.ChangedMessage;
import io.graphmail.worker.graph.MailboxReader.DeltaPage;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bson.Document;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads a delta page's JSON in one pass, each message straight into the fields it is stored with (the README's
 * {@code messages} collection), with the values the Graph SDK's models would have given: JSON nulls count as absent,
 * enums take only the values Graph documents, and an item carrying {@code @removed} is a removal.
 */
final class DeltaPageJson {

    private static final JsonFactory JSON = new JsonFactory();
    private static final Map<String, Field> BY_GRAPH_NAME =
            Stream.of(Field.values()).collect(Collectors.toMap(field -> field.graphName, Function.identity()));
    private static final Set<String> IMPORTANCES = Set.of("low", "normal", "high");
    private static final Set<String> BODY_TYPES = Set.of("text", "html");
    private static final Set<String> FLAG_STATUSES = Set.of("notFlagged", "complete", "flagged");

    private DeltaPageJson() {}

    static DeltaPage read(InputStream body) {
        try (JsonParser json = JSON.createParser(body)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalStateException("A delta page is not a JSON object");
            }
            var changed = new ArrayList<ChangedMessage>();
            var removed = new ArrayList<String>();
            String nextLink = null;
            String deltaLink = null;
            for (String name = json.nextName(); name != null; name = json.nextName()) {
                json.nextToken();
                switch (name) {
                    case "@odata.nextLink" -> nextLink = string(json);
                    case "@odata.deltaLink" -> deltaLink = string(json);
                    case "value" -> items(json, changed, removed);
                    default -> json.skipChildren();
                }
            }
            return new DeltaPage(changed, removed, nextLink, deltaLink);
        }
    }

    private static void items(JsonParser json, List<ChangedMessage> changed, List<String> removed) {
        if (json.currentToken() != JsonToken.START_ARRAY) {
            json.skipChildren();
            return;
        }
        while (json.nextToken() != JsonToken.END_ARRAY) {
            if (json.currentToken() != JsonToken.START_OBJECT) {
                json.skipChildren();
                continue;
            }
            var values = new Object[Field.values().length];
            String id = null;
            boolean isRemoved = false;
            for (String name = json.nextName(); name != null; name = json.nextName()) {
                JsonToken token = json.nextToken();
                Field field = BY_GRAPH_NAME.get(name);
                if (field != null) {
                    values[field.ordinal()] = token == JsonToken.VALUE_NULL ? null : field.read(json);
                } else if (name.equals("id")) {
                    id = string(json);
                } else {
                    isRemoved |= name.equals("@removed") && token != JsonToken.VALUE_NULL;
                    json.skipChildren();
                }
            }
            if (isRemoved) {
                removed.add(id);
            } else {
                changed.add(new ChangedMessage(id, document(values)));
            }
        }
    }

    private static Document document(Object[] values) {
        var fields = new Document();
        for (Field field : Field.values()) {
            Object value = values[field.ordinal()];
            fields.put(field.storedName, value == null ? field.absent : value);
        }
        return fields;
    }

    /** A scalar as text, as the SDK reads strings; anything else is null. */
    private static String string(JsonParser json) {
        if (json.currentToken().isScalarValue()) {
            return json.currentToken() == JsonToken.VALUE_NULL ? null : json.getValueAsString();
        }
        json.skipChildren();
        return null;
    }

    private static String oneOf(Set<String> values, JsonParser json) {
        String value = string(json);
        return values.contains(value) ? value : null;
    }

    private static Date date(JsonParser json) {
        String value = string(json);
        return value == null ? null : Date.from(instant(value));
    }

    /**
     * A date-time as {@link OffsetDateTime#parse} reads it. Graph writes UTC, {@code 2026-11-02T08:00:00Z} (fractions
     * of a second too, at times): those are read field by field, two per message, as the general parser takes several
     * times as long; anything else, and anything out of range, goes to {@link OffsetDateTime#parse}.
     */
    static Instant instant(String value) {
        int length = value.length();
        if (length >= 20
                && length <= 30
                && value.charAt(length - 1) == 'Z'
                && value.charAt(4) == '-'
                && value.charAt(7) == '-'
                && value.charAt(10) == 'T'
                && value.charAt(13) == ':'
                && value.charAt(16) == ':'
                && (length == 20 || (length > 21 && value.charAt(19) == '.'))) {
            int nanos = length == 20 ? 0 : nanos(value, 20, length - 1);
            int year = digits(value, 0, 4);
            int month = digits(value, 5, 7);
            int day = digits(value, 8, 10);
            int hour = digits(value, 11, 13);
            int minute = digits(value, 14, 16);
            int second = digits(value, 17, 19);
            if ((year | month | day | hour | minute | second | nanos) >= 0) {
                try {
                    return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
                            .toInstant(ZoneOffset.UTC);
                } catch (DateTimeException outOfRange) {
                    // OffsetDateTime.parse below says so as it would have.
                }
            }
        }
        return OffsetDateTime.parse(value).toInstant();
    }

    /** A fraction of a second of up to nine digits in {@code value[from, to)} as nanoseconds, or -1 if not digits. */
    private static int nanos(String value, int from, int to) {
        int nanos = digits(value, from, to);
        for (int digits = to - from; digits < 9; digits++) {
            nanos *= 10;
        }
        return nanos;
    }

    /** The decimal number in {@code value[from, to)}, or -1 if a character there is not an ASCII digit. */
    private static int digits(String value, int from, int to) {
        int number = 0;
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            number = number * 10 + (c - '0');
        }
        return number;
    }

    private static List<Document> recipients(JsonParser json) {
        if (json.currentToken() != JsonToken.START_ARRAY) {
            json.skipChildren();
            return null;
        }
        var recipients = new ArrayList<Document>();
        while (json.nextToken() != JsonToken.END_ARRAY) {
            recipients.add(recipient(json));
        }
        return recipients;
    }

    /** {@code {"emailAddress": {"name", "address"}}} as {@code {name, address}}, the address lower-cased. */
    private static Document recipient(JsonParser json) {
        Document address = null;
        for (String name = firstField(json); name != null; name = nextField(json)) {
            if (name.equals("emailAddress") && json.currentToken() != JsonToken.VALUE_NULL) {
                address = emailAddress(json);
            } else {
                json.skipChildren();
            }
        }
        return address;
    }

    private static Document emailAddress(JsonParser json) {
        String name = null;
        String address = null;
        for (String field = firstField(json); field != null; field = nextField(json)) {
            switch (field) {
                case "name" -> name = string(json);
                case "address" -> address = string(json);
                default -> json.skipChildren();
            }
        }
        return new Document("name", name).append("address", address == null ? null : address.toLowerCase(Locale.ROOT));
    }

    private static Document body(JsonParser json) {
        String contentType = null;
        String content = null;
        for (String field = firstField(json); field != null; field = nextField(json)) {
            switch (field) {
                case "contentType" -> contentType = oneOf(BODY_TYPES, json);
                case "content" -> content = string(json);
                default -> json.skipChildren();
            }
        }
        return new Document("contentType", contentType == null ? "text" : contentType).append("content", content);
    }

    private static String flagStatus(JsonParser json) {
        String status = null;
        for (String field = firstField(json); field != null; field = nextField(json)) {
            if (field.equals("flagStatus")) {
                status = oneOf(FLAG_STATUSES, json);
            } else {
                json.skipChildren();
            }
        }
        return status;
    }

    private static List<String> strings(JsonParser json) {
        if (json.currentToken() != JsonToken.START_ARRAY) {
            json.skipChildren();
            return null;
        }
        var strings = new ArrayList<String>();
        while (json.nextToken() != JsonToken.END_ARRAY) {
            strings.add(string(json));
        }
        return strings;
    }

    /** As the SDK reads booleans: {@code true}, or a string saying so. */
    private static boolean isTrue(JsonParser json) {
        return switch (json.currentToken()) {
            case VALUE_TRUE -> true;
            case VALUE_STRING -> Boolean.parseBoolean(json.getString());
            default -> {
                json.skipChildren();
                yield false;
            }
        };
    }

    /**
     * The first name of the object the parser is at, with the parser moved onto its value (which the caller reads or
     * skips); null when it is not at an object, whose value is then skipped.
     */
    private static String firstField(JsonParser json) {
        if (json.currentToken() != JsonToken.START_OBJECT) {
            json.skipChildren();
            return null;
        }
        return nextField(json);
    }

    private static String nextField(JsonParser json) {
        String name = json.nextName();
        if (name != null) {
            json.nextToken();
        }
        return name;
    }

    /** A stored field, in the order it is stored, with the Graph property it comes from. */
    private enum Field {
        PARENT_FOLDER_ID("parentFolderId", "parentFolderId", DeltaPageJson::string, null),
        SUBJECT("subject", "subject", DeltaPageJson::string, null),
        FROM("from", "from", DeltaPageJson::recipient, null),
        SENDER("sender", "sender", DeltaPageJson::recipient, null),
        TO("toRecipients", "to", DeltaPageJson::recipients, List.of()),
        CC("ccRecipients", "cc", DeltaPageJson::recipients, List.of()),
        BCC("bccRecipients", "bcc", DeltaPageJson::recipients, List.of()),
        REPLY_TO("replyTo", "replyTo", DeltaPageJson::recipients, List.of()),
        RECEIVED("receivedDateTime", "receivedDateTime", DeltaPageJson::date, null),
        SENT("sentDateTime", "sentDateTime", DeltaPageJson::date, null),
        CONVERSATION_ID("conversationId", "conversationId", DeltaPageJson::string, null),
        INTERNET_MESSAGE_ID("internetMessageId", "internetMessageId", DeltaPageJson::string, null),
        BODY_PREVIEW("bodyPreview", "bodyPreview", DeltaPageJson::string, null),
        BODY("body", "body", DeltaPageJson::body, null),
        IMPORTANCE("importance", "importance", json -> oneOf(IMPORTANCES, json), null),
        IS_READ("isRead", "isRead", DeltaPageJson::isTrue, false),
        IS_DRAFT("isDraft", "isDraft", DeltaPageJson::isTrue, false),
        HAS_ATTACHMENTS("hasAttachments", "hasAttachments", DeltaPageJson::isTrue, false),
        CATEGORIES("categories", "categories", DeltaPageJson::strings, List.of()),
        FLAG("flag", "flag", DeltaPageJson::flagStatus, null),
        WEB_LINK("webLink", "webLink", DeltaPageJson::string, null);

        private final String graphName;
        private final String storedName;
        private final Function<JsonParser, Object> reader;
        private final Object absent;

        Field(String graphName, String storedName, Function<JsonParser, Object> reader, Object absent) {
            this.graphName = graphName;
            this.storedName = storedName;
            this.reader = reader;
            this.absent = absent;
        }

        Object read(JsonParser json) {
            return reader.apply(json);
        }
    }
}
