package io.graphmail.gateway.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.graphmail.testsupport.TestBackends;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The lease of a key whose request runs is renewed, so a request longer than the lease keeps its key. */
class RenewingLeasesIntegrationTests {

    private static final Duration LEASE = Duration.ofMillis(1500);

    private MongoClient client;
    private IdempotencyRecords records;
    private RenewingLeases leases;

    @BeforeEach
    void connect() {
        var uri = new ConnectionString(TestBackends.mongoUri());
        client = MongoClients.create(uri);
        var mongo = new MongoTemplate(client, uri.getDatabase() == null ? "graphmail" : uri.getDatabase());
        var properties = new IdempotencyProperties(LEASE);
        records = new IdempotencyRecords(mongo, properties);
        leases = new RenewingLeases(records, Clock.systemUTC(), properties);
    }

    @AfterEach
    void close() {
        leases.destroy();
        client.close();
    }

    @Test
    void aHeldKeyOutlivesItsLeaseAndLapsesOnceLetGo() {
        String id = UUID.randomUUID().toString();
        var claim = records.claim(id, "body", Clock.systemUTC().instant()).orElseThrow();
        var firstLease = records.find(id).orElseThrow().leaseUntil();

        leases.hold(claim);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> records.find(id).orElseThrow().leaseUntil().isAfter(firstLease.plus(LEASE)));
        assertThat(records.claim(id, "body", Clock.systemUTC().instant()))
                .as("still held by the running request")
                .isEmpty();

        leases.let(claim);

        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        records.claim(id, "body", Clock.systemUTC().instant()).isPresent());
    }
}
