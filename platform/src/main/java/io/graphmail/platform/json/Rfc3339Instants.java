package io.graphmail.platform.json;

import com.ethlo.time.ITU;
import java.time.DateTimeException;
import java.time.Instant;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Reads instants in the one form the services write them ({@code 2026-12-06T23:12:26.123456Z}) with ITU's RFC 3339
 * parser, which profiles showed several times cheaper than Jackson's {@code DateTimeFormatter}: about a third of
 * reading a send command, and of a result. Every other form, and any such string ITU refuses, goes to Jackson's own
 * deserializer, so what is accepted, and the instant read, stay Jackson's.
 */
public final class Rfc3339Instants extends ValueDeserializer<Instant> {

    private static final int SHORTEST = "2026-12-06T23:12:26Z".length();

    private static final ValueDeserializer<Instant> JACKSON = InstantDeserializer.INSTANT;

    /** The deserializer as a module, for a mapper's builder. */
    public static SimpleModule module() {
        return new SimpleModule("rfc3339-instants").addDeserializer(Instant.class, new Rfc3339Instants());
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) {
        if (parser.hasToken(JsonToken.VALUE_STRING)) {
            Instant read = utc(parser.getString());
            if (read != null) {
                return read;
            }
        }
        return JACKSON.deserialize(parser, context);
    }

    /** {@code null} unless the text is a date and time in UTC with a capital T and Z that ITU reads. */
    static Instant utc(String text) {
        if (text.length() < SHORTEST || text.charAt(10) != 'T' || text.charAt(text.length() - 1) != 'Z') {
            return null;
        }
        try {
            return ITU.parseDateTime(text).toInstant();
        } catch (DateTimeException notRead) {
            return null;
        }
    }
}
