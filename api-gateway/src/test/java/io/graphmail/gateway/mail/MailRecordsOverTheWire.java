package io.graphmail.gateway.mail;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.graphmail.testsupport.MutableClock;
import io.graphmail.testsupport.TestBackends;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.data.mongodb.core.MongoTemplate;

/** {@link MailRecords} over the MongoDB wire protocol, each test in a database of its own, dropped afterwards. */
abstract class MailRecordsOverTheWire {

    protected final MutableClock clock;
    private MongoClient client;
    protected MongoTemplate mongo;
    protected MailRecords records;

    MailRecordsOverTheWire(Instant start) {
        clock = new MutableClock(start);
    }

    @BeforeEach
    void connect() {
        client = MongoClients.create(new ConnectionString(TestBackends.mongoUri()));
        mongo = new MongoTemplate(client, "mail-records-" + UUID.randomUUID());
        records = new MailRecords(mongo, clock, batchId -> {});
    }

    /** A record of {@code status} for client {@code client-a}, in batch {@code batchId} unless null. */
    protected UUID record(MailStatus status, String batchId) {
        UUID id = UUID.randomUUID();
        records.insert(new MailRecord(
                id.toString(),
                "account",
                status,
                1,
                null,
                clock.instant(),
                status == MailStatus.SENT ? clock.instant() : null,
                false,
                null,
                batchId,
                null,
                null,
                "client-a"));
        return id;
    }

    @AfterEach
    void close() {
        mongo.getDb().drop();
        client.close();
    }
}
