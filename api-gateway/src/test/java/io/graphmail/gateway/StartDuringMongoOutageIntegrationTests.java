package io.graphmail.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.graphmail.testsupport.TestBackends;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A gateway started while its MongoDB is out of reach comes up (not ready), creates its indexes once MongoDB is there
 * and turns ready: restarted during an outage, it recovers by itself instead of exiting at start-up.
 */
@SpringBootTest(
        classes = GatewayApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=api-gateway",
            "management.server.port=0",
            "graphmail.security.api-keys=start-outage-key",
            "graphmail.sync.schedule-enabled=false",
            "spring.rabbitmq.listener.simple.auto-startup=false"
        })
@DirtiesContext
class StartDuringMongoOutageIntegrationTests {

    static MongoServer mongoServer;
    static int mongoPort;

    @LocalManagementPort
    int managementPort;

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        // A port MongoDB is not on yet: a server bound for a moment only to find one that is free.
        var probe = new MongoServer(new MemoryBackend());
        mongoPort = probe.bind().getPort();
        probe.shutdownNow();
        registry.add("spring.rabbitmq.addresses", () -> TestBackends.rabbitUri().toString());
        registry.add("spring.mongodb.uri", () -> "mongodb://127.0.0.1:%d/gateway-start-outage".formatted(mongoPort));
    }

    @AfterAll
    static void stop() {
        if (mongoServer != null) {
            mongoServer.shutdownNow();
        }
    }

    @Test
    void startsWithoutMongoAndCreatesItsIndexesAndTurnsReadyOnceMongoIsBack() {
        var management = new Api(managementPort, null);
        assertThat(management.get("/actuator/health/readiness").status()).isEqualTo(503);

        mongoServer = new MongoServer(new MemoryBackend());
        mongoServer.bind("127.0.0.1", mongoPort);

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(
                                management.get("/actuator/health/readiness").status())
                        .isEqualTo(200));
        try (var client = MongoClients.create("mongodb://127.0.0.1:" + mongoPort)) {
            var database = client.getDatabase("gateway-start-outage");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(indexKeys(database, "mail")).contains(new Document("batchId", 1));
                assertThat(indexKeys(database, "idempotency_keys")).contains(new Document("createdAt", 1));
                assertThat(indexKeys(database, "rate_limits")).contains(new Document("expiresAt", 1));
            });
        }
    }

    private static List<Document> indexKeys(MongoDatabase database, String collection) {
        var keys = new ArrayList<Document>();
        database.getCollection(collection).listIndexes().forEach(index -> keys.add(index.get("key", Document.class)));
        return keys;
    }
}
