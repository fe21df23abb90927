package io.graphmail.gateway.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The records a batch inserts as the driver's documents, over the MongoDB wire protocol: stored exactly as Spring
 * Data's mapping stores the same records, and read back as they were.
 */
class MailRecordsIntegrationTests extends MailRecordsOverTheWire {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00.123Z");

    MailRecordsIntegrationTests() {
        super(NOW);
    }

    @Test
    void insertsABatchsRecordsAsSpringDataWouldStoreThem() {
        String batchId = UUID.randomUUID().toString();
        var pending = new MailRecord(
                "p",
                "account-1",
                MailStatus.ACCEPTED,
                0,
                null,
                NOW,
                null,
                true,
                NOW.plusSeconds(30),
                batchId,
                "{\"commandId\":\"p\"}",
                "request-1",
                "client-a");
        var suppressed = new MailRecord(
                "s",
                "account-1",
                MailStatus.SUPPRESSED,
                0,
                "SUPPRESSED: gone@example.com",
                NOW,
                null,
                false,
                null,
                batchId,
                null,
                null,
                "client-a");
        var bounced = new MailRecord(
                "b",
                "account-2",
                MailStatus.BOUNCED,
                3,
                "x",
                NOW,
                NOW.plusSeconds(5),
                false,
                NOW,
                null,
                "{}",
                "request-2",
                "client-b",
                new MailRecord.Bounce("r@example.com", "5.1.1", "no such user", true, NOW));
        var all = List.of(pending, suppressed, bounced);

        records.insertAll(all);
        for (MailRecord record : all) {
            mongo.insert(withId(record, "mapped-" + record.id()));
        }

        for (MailRecord record : all) {
            Document ours = raw(record.id());
            Document mapped = raw("mapped-" + record.id());
            ours.remove("_id");
            mapped.remove("_id");
            assertThat(ours).as(record.id()).isEqualTo(mapped);
            assertThat(mongo.findById(record.id(), MailRecord.class)).isEqualTo(record);
        }
    }

    private Document raw(String id) {
        return mongo.getCollection("mail").find(new Document("_id", id)).first();
    }

    private static MailRecord withId(MailRecord record, String id) {
        return new MailRecord(
                id,
                record.accountId(),
                record.status(),
                record.attempts(),
                record.lastError(),
                record.acceptedAt(),
                record.sentAt(),
                record.pendingPublish(),
                record.publishAt(),
                record.batchId(),
                record.outbox(),
                record.correlationId(),
                record.client(),
                record.bounce());
    }
}
