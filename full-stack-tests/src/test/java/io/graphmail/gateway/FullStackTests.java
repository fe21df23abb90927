package io.graphmail.gateway;

import static org.awaitility.Awaitility.await;

import io.graphmail.gateway.messaging.MailCommands;
import io.graphmail.testsupport.RunningSimulator;
import io.graphmail.testsupport.TestAccounts;
import io.graphmail.worker.MailWorkerApplication;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * The gateway (this test's context), a mail worker and the Graph simulator, over real HTTP,
 * RabbitMQ and the MongoDB wire protocol.
 */
@TestPropertySource(
        properties = {
            "graphmail.security.api-keys=test-key-1,test-key-2",
            "graphmail.gateway.sweeper.interval=200ms",
            "graphmail.gateway.sweeper.grace=1s",
            // The workers here pace only accounts with limits of their own (TestAccounts), and the gateway knows it:
            // such accounts' batches have windows of a second of their sends (at least 20), the others' none.
            "graphmail.gateway.batches.default-messages-per-minute=0",
            "graphmail.gateway.batches.window-span=1s",
            "graphmail.gateway.batches.window-refill=200ms",
            // Tests ask for the syncs they need; scheduled rounds would add traffic they do not expect.
            "graphmail.sync.schedule-enabled=false"
        })
public abstract class FullStackTests extends GatewayTests {

    protected static RunningSimulator simulator;
    protected static ConfigurableApplicationContext worker;

    /**
     * The gateway's publisher: the real one, unless a test stubs it (a publication whose confirms are lost); stubs end
     * with their test. A spy in every full-stack test, so that the test that stubs it needs no gateway of its own.
     */
    @MockitoSpyBean
    protected MailCommands commands;

    @BeforeAll
    static void startWorkerAndSimulator() {
        simulator = RunningSimulator.start();
        worker =
                startWorker("--graphmail.worker.retry.initial-backoff=50ms", "--graphmail.worker.retry.max-attempts=3");
    }

    /** One more mail worker against the same broker, database and simulator; close it when done. */
    protected static ConfigurableApplicationContext startWorker(String... extraArguments) {
        return MailWorkerApplication.builder().run(TestAccounts.standaloneWorkerArguments(simulator, extraArguments));
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

    /** A batch's recipients, {@code r0@example.com} on, each with the template variable {@code n} set to its number. */
    protected static String numberedRecipients(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> "{\"to\":[\"r%d@example.com\"],\"variables\":{\"n\":%d}}".formatted(i, i))
                .collect(Collectors.joining(","));
    }

    protected Api.Response awaitStatus(String path, String status) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get(path), response -> status.equals(response.text("status")));
    }
}
