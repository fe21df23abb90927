package io.graphmail.gateway.webhooks.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.graphmail.testsupport.TestBackends;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * An endpoint's {@code failingSince} over the MongoDB wire protocol: set by the first failure, kept by later ones
 * (also by one whose delivery read the endpoint healthy before another failure was recorded), cleared by a success.
 */
class EndpointHealthIntegrationTests {

    private static final Instant FIRST = Instant.parse("2026-03-01T10:00:00.123Z");
    private static final Instant LATER = FIRST.plusSeconds(90);

    private MongoClient client;
    private MongoTemplate mongo;
    private Webhooks webhooks;

    @BeforeEach
    void connect() {
        client = MongoClients.create(new ConnectionString(TestBackends.mongoUri()));
        mongo = new MongoTemplate(client, "endpoint-health-" + UUID.randomUUID());
        webhooks = new Webhooks(mongo, java.time.Clock.systemUTC());
        webhooks.save(new Webhook(
                "wh_1",
                "alpha",
                false,
                Set.of(),
                "https://example.com/hook",
                List.of("*"),
                true,
                List.of(),
                FIRST,
                null,
                null));
    }

    @AfterEach
    void close() {
        mongo.getDb().drop();
        client.close();
    }

    @Test
    void theFirstFailureSetsFailingSinceAndALaterOneKeepsIt() {
        assertThat(webhooks.failing("wh_1", FIRST)).isEqualTo(FIRST);

        assertThat(webhooks.failing("wh_1", LATER))
                .as("a failure read healthy before")
                .isEqualTo(FIRST);
        assertThat(stored().failingSince()).isEqualTo(FIRST);
    }

    @Test
    void aSuccessClearsItAndTheNextFailureStartsAgain() {
        webhooks.failing("wh_1", FIRST);

        webhooks.healthy("wh_1");
        assertThat(stored().failingSince()).isNull();

        assertThat(webhooks.failing("wh_1", LATER)).isEqualTo(LATER);
    }

    @Test
    void aFailureOfAnEndpointRemovedMeanwhileChangesNothing() {
        assertThat(webhooks.failing("wh_gone", LATER)).isEqualTo(LATER);

        assertThat(webhooks.find("wh_gone")).isEmpty();
    }

    private Webhook stored() {
        return webhooks.find("wh_1").orElseThrow();
    }
}
