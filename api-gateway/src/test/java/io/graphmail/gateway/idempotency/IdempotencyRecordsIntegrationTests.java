package io.graphmail.gateway.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.graphmail.testsupport.TestBackends;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Leases on idempotency keys over the MongoDB wire protocol, with the clock given: a key in flight is held while its
 * gateway renews the lease, and taken over by one retry once it lapsed.
 */
class IdempotencyRecordsIntegrationTests {

    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private MongoClient client;
    private IdempotencyRecords records;
    private final String id = UUID.randomUUID().toString();

    @BeforeEach
    void connect() {
        var uri = new ConnectionString(TestBackends.mongoUri());
        client = MongoClients.create(uri);
        var mongo = new MongoTemplate(client, uri.getDatabase() == null ? "graphmail" : uri.getDatabase());
        records = new IdempotencyRecords(mongo, new IdempotencyProperties(LEASE));
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void aKeyIsHeldWhileItsLeaseRunsAndWhileItIsRenewed() {
        var first = records.claim(id, "body", T0).orElseThrow();

        assertThat(records.claim(id, "body", T0.plusSeconds(29))).isEmpty();
        assertThat(records.renew(first, T0.plusSeconds(20))).isTrue();
        assertThat(records.claim(id, "body", T0.plusSeconds(45)))
                .as("renewed until 50 s")
                .isEmpty();
    }

    @Test
    void aLapsedLeaseIsTakenOverByOneRetryWhichKeepsTheOrigin() {
        var stopped = records.claim(id, "body", T0).orElseThrow();

        var retry = records.claim(id, "body", T0.plusSeconds(31));
        var secondRetry = records.claim(id, "body", T0.plusSeconds(32));

        assertThat(retry).isPresent();
        assertThat(retry.get().origin()).isEqualTo(stopped.origin());
        assertThat(retry.get().owner()).isNotEqualTo(stopped.owner());
        assertThat(secondRetry).as("the retry holds it now").isEmpty();
    }

    @Test
    void theOwnerThatLostItsLeaseNeitherRenewsNorAnswersNorReleases() {
        var stopped = records.claim(id, "body", T0).orElseThrow();
        var retry = records.claim(id, "body", T0.plusSeconds(31)).orElseThrow();

        assertThat(records.renew(stopped, T0.plusSeconds(32))).isFalse();
        records.complete(stopped, 500, null, null, "late");
        records.lapse(stopped, T0.plusSeconds(33));
        records.complete(retry, 202, "/api/v1/mail/x", "application/json", "{}");

        var kept = records.find(id).orElseThrow();
        assertThat(kept.completed()).isTrue();
        assertThat(kept.status()).isEqualTo(202);
        assertThat(kept.body()).isEqualTo("{}");
    }

    @Test
    void neitherAnotherBodyNorACompletedRequestTakesAKeyOver() {
        var stopped = records.claim(id, "body", T0).orElseThrow();

        assertThat(records.claim(id, "other body", T0.plusSeconds(60))).isEmpty();

        records.complete(stopped, 202, null, null, "{}");
        assertThat(records.claim(id, "body", T0.plusSeconds(60))).isEmpty();
    }

    @Test
    void aRenewalThatComesAfterItsRequestEndedHoldsTheKeyNoMore() {
        var failed = records.claim(id, "body", T0).orElseThrow();
        records.lapse(failed, T0.plusSeconds(5));

        assertThat(records.renew(failed, T0.plusSeconds(5)))
                .as("a renewal that read the claim just before the request let it go")
                .isFalse();
        assertThat(records.claim(id, "body", T0.plusSeconds(6)))
                .as("the failed request's repeat is processed at once")
                .isPresent();
    }

    @Test
    void aCompletedKeyIsNotRenewed() {
        var done = records.claim(id, "body", T0).orElseThrow();
        records.complete(done, 202, "/api/v1/mail/x", "application/json", "{}");

        assertThat(records.renew(done, T0.plusSeconds(10))).isFalse();
    }

    @Test
    void aKeyWhoseRequestFailedIsTakenOverAtOnceWithItsOrigin() {
        var failed = records.claim(id, "body", T0).orElseThrow();
        records.lapse(failed, T0.plusSeconds(1));

        var again = records.claim(id, "body", T0.plusSeconds(1)).orElseThrow();

        assertThat(again.origin()).isEqualTo(failed.origin());
        assertThat(records.claim(id, "other body", T0.plusSeconds(2))).isEmpty();
    }
}
