package io.graphmail.gateway;

import static org.awaitility.Awaitility.await;

import io.graphmail.testsupport.RunningSimulator;
import io.graphmail.testsupport.TestAccounts;
import io.graphmail.testsupport.TestBackends;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway (this test's context), a mail worker and the Graph simulator, over real HTTP,
 * RabbitMQ and the MongoDB wire protocol.
 */
@SpringBootTest(
        classes = GatewayApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=api-gateway",
            "management.server.port=0",
            "graphmail.security.api-keys=test-key-1,test-key-2",
            "graphmail.gateway.sweeper.interval=200ms",
            "graphmail.gateway.sweeper.grace=1s",
            // Tests ask for the syncs they need; scheduled rounds would add traffic they do not expect.
            "graphmail.sync.schedule-enabled=false"
        })
public abstract class FullStackTests {

    protected static RunningSimulator simulator;
    protected static ConfigurableApplicationContext worker;

    @LocalServerPort
    protected int port;

    /** Actuator's port, apart from the API's. */
    @LocalManagementPort
    protected int managementPort;

    @Autowired
    protected MongoTemplate mongo;

    protected Api api;

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        TestBackends.register(registry);
        TestAccounts.registerSecretAliases(registry);
    }

    @BeforeAll
    static void startWorkerAndSimulator() {
        simulator = RunningSimulator.start();
        worker =
                startWorker("--graphmail.worker.retry.initial-backoff=50ms", "--graphmail.worker.retry.max-attempts=3");
    }

    /** One more mail worker against the same broker, database and simulator; close it when done. */
    protected static ConfigurableApplicationContext startWorker(String... extraArguments) {
        return MailWorkers.start(simulator, extraArguments);
    }

    @AfterAll
    static void stopWorkerAndSimulator() {
        worker.close();
        simulator.close();
    }

    @BeforeEach
    void connect() {
        api = new Api(port, "test-key-2");
    }

    protected Api.Response awaitStatus(String path, String status) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get(path), response -> status.equals(response.text("status")));
    }
}
