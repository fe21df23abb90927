package io.graphmail.gateway.send;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * An instant given as ISO-8601 text only. Jackson also reads numbers as epoch seconds, and reads one with a vast
 * exponent ({@code 1e1000000000}) as 1970 without complaint, which would send at once what was meant for later.
 */
public final class IsoInstant extends ValueDeserializer<Instant> {

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            return (Instant) context.handleUnexpectedToken(Instant.class, parser);
        }
        try {
            return Instant.parse(parser.getString());
        } catch (DateTimeParseException e) {
            return (Instant)
                    context.handleWeirdStringValue(Instant.class, parser.getString(), "not an ISO-8601 instant");
        }
    }
}
