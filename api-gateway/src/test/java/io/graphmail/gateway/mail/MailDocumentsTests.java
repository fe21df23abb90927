package io.graphmail.gateway.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;
import org.springframework.data.mongodb.core.convert.NoOpDbRefResolver;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;

/**
 * The hand-built document of a {@link MailRecord} is the one Spring Data's mapping writes: a component added to the
 * record and not to {@link MailDocuments} fails here rather than vanish from bulk-inserted records.
 */
class MailDocumentsTests {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00.123Z");

    private final MappingMongoConverter converter = converter();

    @Test
    void aRecordWithEveryComponentSetIsWrittenAsSpringDataWritesIt() {
        var record = new MailRecord(
                "9b2f6c1e-5d4a-4c8e-9f2b-1a2b3c4d5e6f",
                "account-1",
                MailStatus.BOUNCED,
                3,
                "PACED: RATE",
                NOW,
                NOW.plusSeconds(5),
                true,
                NOW.plusSeconds(30),
                "batch-1",
                "{\"commandId\":\"p\"}",
                "request-1",
                "client-a",
                new MailRecord.Bounce("r@example.com", "5.1.1", "no such user", true, NOW.plusSeconds(60)),
                true);
        assertThat(unset(record)).as("components this test leaves unset").isEmpty();
        assertThat(unset(record.bounce()))
                .as("bounce components this test leaves unset")
                .isEmpty();

        assertThat(MailDocuments.of(record, converter)).isEqualTo(mapped(record));
    }

    @Test
    void componentsThatAreNullAreLeftOutAsSpringDataLeavesThemOut() {
        var record = new MailRecord("s", null, null, 0, null, null, null, false, null, null, null, null, null, null);

        assertThat(MailDocuments.of(record, converter)).isEqualTo(mapped(record));
    }

    private Document mapped(MailRecord record) {
        var document = new Document();
        converter.write(record, document);
        return document;
    }

    /** The names of the record's components that hold {@code null}, {@code false} or zero. */
    private static List<String> unset(Record record) {
        return Arrays.stream(record.getClass().getRecordComponents())
                .filter(component -> isUnset(value(component, record)))
                .map(RecordComponent::getName)
                .toList();
    }

    private static boolean isUnset(Object value) {
        return value == null
                || Boolean.FALSE.equals(value)
                || Integer.valueOf(0).equals(value);
    }

    private static Object value(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** The converter a {@code MongoTemplate} builds for itself when given none. */
    private static MappingMongoConverter converter() {
        var conversions = new MongoCustomConversions(List.of());
        var context = new MongoMappingContext();
        context.setSimpleTypeHolder(conversions.getSimpleTypeHolder());
        context.afterPropertiesSet();
        var converter = new MappingMongoConverter(NoOpDbRefResolver.INSTANCE, context);
        converter.setCustomConversions(conversions);
        converter.afterPropertiesSet();
        return converter;
    }
}
