package io.graphmail.gateway.mail;

import static io.graphmail.gateway.mail.OutboxFixture.GRACE;
import static io.graphmail.gateway.mail.OutboxFixture.LEASE;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.graphmail.testsupport.MutableClock;
import io.graphmail.testsupport.TestBackends;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The race between a request whose publish stalls past the grace period and the outbox sweeper, with the records over
 * the MongoDB wire protocol: exactly one of them owns the message, and a claim whose sweeper stopped runs out.
 */
class OutboxClaimsIntegrationTests extends OutboxRaceScenarios {

    private MongoClient client;
    private MongoTemplate mongo;
    private MailRecords records;

    OutboxClaimsIntegrationTests() {
        super(new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS)));
    }

    @BeforeEach
    void connect() {
        client = MongoClients.create(new ConnectionString(TestBackends.mongoUri()));
        // A database of its own: the sweeper sweeps every pending record it finds.
        mongo = new MongoTemplate(client, "outbox-claims-" + UUID.randomUUID());
        records = new MailRecords(mongo, clock, batchId -> {});
        outbox = OutboxFixture.outbox(records, broker, List::of, meters, clock);
    }

    @AfterEach
    void close() {
        mongo.getDb().drop();
        client.close();
    }

    @Test
    void aClaimedRecordCannotBeWithdrawnNorClaimedAgainUntilItsClaimRunsOut() {
        var command = command(null);
        records.insert(OutboxFixture.unpublished(command));
        clock.advance(GRACE);
        Instant now = clock.instant();

        assertThat(records.claim(command.commandId(), now, now.plus(LEASE))).isTrue();

        assertThat(records.claim(command.commandId(), now.plusSeconds(1), now.plus(LEASE)))
                .isFalse();
        assertThat(records.withdraw(command.commandId())).isFalse();
        outbox.sweep();
        assertThat(broker.published())
                .as("its sweeper stopped; the claim holds")
                .isEmpty();
        clock.advance(LEASE);
        outbox.sweep();
        assertThat(broker.published()).containsExactly(command);
        assertThat(records.find(command.commandId()).orElseThrow().pendingPublish())
                .isFalse();
        assertThat(records.withdraw(command.commandId())).isFalse();
    }

    @Override
    List<MailRecord> allRecords() {
        return mongo.findAll(MailRecord.class);
    }
}
