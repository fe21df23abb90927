package io.graphmail.gateway.webhooks.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.graphmail.testsupport.MutableClock;
import io.graphmail.testsupport.TestBackends;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Who listens to a client, over the MongoDB wire protocol, as two gateways sharing one database see it: each remembers
 * the answer for a second; a change made through a gateway is heard by it at once, and by the other within the second.
 */
class AudienceIntegrationTests {

    private static final Instant CREATED = Instant.parse("2026-03-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(CREATED);
    private MongoClient client;
    private MongoTemplate mongo;
    private Webhooks gateway;
    private Webhooks otherGateway;

    @BeforeEach
    void connect() {
        client = MongoClients.create(new ConnectionString(TestBackends.mongoUri()));
        mongo = new MongoTemplate(client, "audience-" + UUID.randomUUID());
        gateway = new Webhooks(mongo, clock);
        otherGateway = new Webhooks(mongo, clock);
    }

    @AfterEach
    void close() {
        mongo.getDb().drop();
        client.close();
    }

    @Test
    void anEndpointRegisteredThroughAGatewayIsHeardThereAtOnceAndElsewhereWithinASecond() {
        assertThat(gateway.audience("alpha", null)).isEmpty();
        assertThat(otherGateway.audience("alpha", null)).isEmpty();

        gateway.save(endpoint("wh_1", "alpha", false));

        assertThat(ids(gateway.audience("alpha", null))).containsExactly("wh_1");
        assertThat(otherGateway.audience("alpha", null)).as("remembered").isEmpty();
        clock.advance(Webhooks.AUDIENCE_CACHED_FOR.plusMillis(1));
        assertThat(ids(otherGateway.audience("alpha", null))).containsExactly("wh_1");
    }

    @Test
    void anEndpointRemovedOrDisabledThroughAGatewayIsForgottenThereAtOnce() {
        gateway.save(endpoint("wh_1", "alpha", false));
        gateway.save(endpoint("wh_2", "alpha", false));
        assertThat(ids(gateway.audience("alpha", null))).containsExactlyInAnyOrder("wh_1", "wh_2");

        gateway.delete("wh_1");
        assertThat(ids(gateway.audience("alpha", null))).containsExactly("wh_2");

        gateway.disable("wh_2", "GONE");
        assertThat(gateway.audience("alpha", null)).isEmpty();
    }

    @Test
    void remembersEachClientAndAccountApartAndAdminsHearEveryone() {
        gateway.save(endpoint("wh_alpha", "alpha", false));
        gateway.save(endpoint("wh_admin", "root", true));

        assertThat(ids(gateway.audience("alpha", null))).containsExactlyInAnyOrder("wh_alpha", "wh_admin");
        assertThat(ids(gateway.audience("beta", null))).containsExactly("wh_admin");
        assertThat(ids(gateway.audience("beta", "acc-1"))).containsExactly("wh_admin");
    }

    @Test
    void readsTheEndpointsAgainOnceTheSecondIsOver() {
        assertThat(gateway.audience("alpha", null)).isEmpty();
        otherGateway.save(endpoint("wh_1", "alpha", false));

        clock.advance(Duration.ofMillis(500));
        assertThat(gateway.audience("alpha", null)).isEmpty();
        clock.advance(Duration.ofMillis(501));
        assertThat(ids(gateway.audience("alpha", null))).containsExactly("wh_1");
    }

    private static List<String> ids(List<Webhook> audience) {
        return audience.stream().map(Webhook::id).toList();
    }

    private static Webhook endpoint(String id, String client, boolean admin) {
        return new Webhook(
                id,
                client,
                admin,
                Set.of(),
                "https://example.com/" + id,
                List.of("*"),
                true,
                List.of(),
                CREATED,
                null,
                null);
    }
}
