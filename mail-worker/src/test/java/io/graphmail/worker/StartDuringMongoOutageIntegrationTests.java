package io.graphmail.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.graphmail.testsupport.RunningSimulator;
import io.graphmail.testsupport.TestAccounts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A worker started while its MongoDB is out of reach comes up, and creates its indexes once MongoDB is there: after a
 * crash during an outage it recovers by itself instead of exiting at start-up.
 */
@SpringBootTest(
        classes = MailWorkerApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "spring.config.name=mail-worker")
@DirtiesContext
class StartDuringMongoOutageIntegrationTests {

    @RegisterExtension
    static final RunningSimulator simulator = RunningSimulator.start();

    static MongoServer mongoServer;
    static int mongoPort;

    @Autowired
    ConfigurableApplicationContext context;

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        // A port MongoDB is not on yet: a server bound for a moment only to find one that is free.
        var probe = new MongoServer(new MemoryBackend());
        mongoPort = probe.bind().getPort();
        probe.shutdownNow();
        TestAccounts.registerIsolatedWorker(registry, simulator);
        registry.add(
                "spring.mongodb.uri",
                () -> "mongodb://127.0.0.1:%d/worker-start-outage?serverSelectionTimeoutMS=1000&connectTimeoutMS=1000"
                        .formatted(mongoPort));
    }

    @AfterAll
    static void stop() {
        if (mongoServer != null) {
            mongoServer.shutdownNow();
        }
    }

    @Test
    void startsWithoutMongoAndCreatesItsIndexesOnceMongoIsBack() {
        assertThat(context.isRunning()).isTrue();

        mongoServer = new MongoServer(new MemoryBackend());
        mongoServer.bind("127.0.0.1", mongoPort);

        try (var client = MongoClients.create("mongodb://127.0.0.1:" + mongoPort)) {
            var database = client.getDatabase("worker-start-outage");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(indexKeys(database.getCollection("messages").listIndexes()))
                        .contains(new Document("accountId", 1).append("graphId", 1));
                assertThat(indexKeys(
                                database.getCollection("push_subscriptions").listIndexes()))
                        .contains(new Document("subscriptionId", 1));
            });
        }
    }

    private static List<Document> indexKeys(Iterable<Document> indexes) {
        var keys = new ArrayList<Document>();
        indexes.forEach(index -> keys.add(index.get("key", Document.class)));
        return keys;
    }
}
