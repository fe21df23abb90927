package io.graphmail.worker.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graphmail.contract.send.MailSent;
import io.graphmail.contract.send.SendMailCommand;
import io.graphmail.testsupport.RestartableMongo;
import io.graphmail.testsupport.RunningSimulator;
import io.graphmail.testsupport.TestAccounts;
import io.graphmail.worker.MailWorkerApplication;
import io.graphmail.worker.WorkerTests;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A send command that reaches a worker while its MongoDB is away is neither dropped nor dead-lettered: it waits in a
 * delay queue, as often as it takes, and is sent once MongoDB is back. The database is killed and started again on the
 * same port with its data, as a restarted MongoDB would be.
 */
@SpringBootTest(
        classes = MailWorkerApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"spring.config.name=mail-worker", "graphmail.worker.retry.initial-backoff=50ms"})
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
class SendDuringMongoOutageIntegrationTests extends WorkerTests {

    @RegisterExtension
    static final RunningSimulator simulator = RunningSimulator.start();

    static final RestartableMongo MONGO = new RestartableMongo();

    final String mailbox = "sender-" + UUID.randomUUID() + "@graphmail.local";
    final String accountId = "account-" + UUID.randomUUID();

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        TestAccounts.registerIsolatedWorker(registry, simulator);
        registry.add(
                "spring.mongodb.uri",
                () -> MONGO.uri("worker-outage", "?serverSelectionTimeoutMS=2000&connectTimeoutMS=2000"));
    }

    @AfterAll
    static void stop() {
        MONGO.close();
    }

    @BeforeEach
    void resetSimulator() {
        simulator.reset();
    }

    @Test
    void commandArrivingWhileMongoIsAwayIsSentOnceItIsBack(CapturedOutput output) {
        mongo.getCollection("accounts").insertOne(TestAccounts.applicationAccount(accountId, mailbox));
        var events = EventRecorder.start(rabbit, admin);
        var command = command("Sent after the outage");
        String retried = "MongoDB unavailable; command " + command.commandId();

        MONGO.kill();
        publish(command);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> output.getOut().split(Pattern.quote(retried), -1).length > 2);

        MONGO.restart();

        await().atMost(Duration.ofSeconds(60))
                .until(() -> !events.all(MailSent.class, command.commandId()).isEmpty());
        assertThat(simulator.sent(mailbox)).hasSize(1);
    }

    @Test
    void messageGraphAcceptedWhileMongoWentAwayIsRecordedSentNotSentAgain(CapturedOutput output) {
        mongo.getCollection("accounts").insertOne(TestAccounts.applicationAccount(accountId, mailbox));
        var events = EventRecorder.start(rabbit, admin);
        // Graph sends the mail at once but answers 6 s later: MongoDB goes away in between.
        simulator.fault(Map.of(
                "pathPattern", RunningSimulator.SEND_PATHS, "afterSuccess", true, "latencyMs", 6_000, "count", 1));
        var command = command("Accepted during the outage");

        publish(command);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> simulator.sent(mailbox).size() == 1);
        MONGO.kill();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> output.getOut().contains("Graph accepted command " + command.commandId()));
        MONGO.restart();

        // Well within the 2-minute in-flight lease after which a lookup in Sent Items would have been needed.
        await().atMost(Duration.ofSeconds(60)).until(() -> "SENT".equals(deliveryState(command)));
        assertThat(simulator.sent(mailbox)).hasSize(1);
        // The result went out while the delivery was being recorded, and again once it was: the gateway applies it
        // once.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> events.all(MailSent.class, command.commandId()).size() >= 2);
        var sent = events.all(MailSent.class, command.commandId());
        assertThat(sent).extracting(MailSent::sentAt).containsOnly(sent.get(0).sentAt());
    }

    private String deliveryState(SendMailCommand command) {
        Document delivery = mongo.getCollection("deliveries")
                .find(new Document("_id", command.deliveryKey()))
                .first();
        return delivery == null ? null : delivery.getString("state");
    }

    private SendMailCommand command(String subject) {
        return SendMailCommandBuilder.sendMail(accountId).subject(subject).build();
    }

    private void publish(SendMailCommand command) {
        SimulatedMailboxTests.publish(rabbit, command);
    }
}
