package io.graphmail.gateway.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.graphmail.contract.send.SendMailCommand;
import io.graphmail.gateway.send.MessageReferences;
import io.graphmail.gateway.send.SendMailCommands;
import io.graphmail.gateway.send.SendMailRequest;
import io.graphmail.platform.logging.CorrelationId;
import io.graphmail.platform.messaging.PublishFailed;
import io.graphmail.testsupport.MutableClock;
import io.graphmail.testsupport.TestBackends;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The race between a request whose publish stalls past the grace period and the outbox sweeper, with the records over
 * the MongoDB wire protocol: exactly one of them owns the message, and a claim whose sweeper stopped runs out.
 */
class OutboxClaimsIntegrationTests {

    private static final Duration GRACE = Duration.ofSeconds(30);
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    private final FakeBroker broker = new FakeBroker();
    private MongoClient client;
    private MongoTemplate mongo;
    private MailRecords records;
    private Outbox outbox;

    @BeforeEach
    void connect() {
        client = MongoClients.create(new ConnectionString(TestBackends.mongoUri()));
        // A database of its own: the sweeper sweeps every pending record it finds.
        mongo = new MongoTemplate(client, "outbox-claims-" + UUID.randomUUID());
        records = new MailRecords(mongo, clock, batchId -> {});
        outbox = new Outbox(
                records, broker, List::of, JSON, new SimpleMeterRegistry(), clock, new SweeperProperties(GRACE, LEASE));
    }

    @AfterEach
    void close() {
        mongo.getDb().drop();
        client.close();
    }

    @Test
    void aPublishThatFailsAfterTheSweeperClaimedTheRecordLeavesItAcceptedAndPublishedOnce() {
        var command = command();
        broker.stallNextPublish(() -> {
            clock.advance(GRACE.plusSeconds(30));
            outbox.sweep();
        });

        var record = outbox.accept(command, null, "client-a");

        assertThat(record.status()).isEqualTo(MailStatus.ACCEPTED);
        assertThat(broker.published()).containsExactly(command);
        assertThat(records.find(command.commandId()).orElseThrow().pendingPublish())
                .isFalse();
        clock.advance(LEASE);
        outbox.sweep();
        assertThat(broker.published()).containsExactly(command);
    }

    @Test
    void aPublishThatFailsBeforeAnySweeperClaimedTheRecordWithdrawsIt() {
        var command = command();
        broker.stallNextPublish(() -> {
            clock.advance(GRACE.minusSeconds(1));
            outbox.sweep();
        });

        assertThatThrownBy(() -> outbox.accept(command, null, "client-a")).isInstanceOf(PublishFailed.class);

        assertThat(records.find(command.commandId())).isEmpty();
        clock.advance(GRACE);
        outbox.sweep();
        assertThat(broker.published()).isEmpty();
    }

    @Test
    void aClaimedRecordCannotBeWithdrawnNorClaimedAgainUntilItsClaimRunsOut() {
        var command = command();
        records.insert(MailRecord.unpublished(
                command, null, GRACE, JSON.writeValueAsString(command), CorrelationId.current(), "client-a"));
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

    private SendMailCommand command() {
        var request = SendMailRequest.plain(
                "account-1",
                List.of("ada@example.com"),
                List.of(),
                List.of(),
                "Hello",
                new SendMailRequest.Body("text", "Hi"),
                List.of());
        return SendMailCommands.of(
                UUID.randomUUID(), "account-1", request, MessageReferences.NONE, clock.instant(), null);
    }
}
