package io.graphmail.worker.send;

import static io.graphmail.contract.MailTopology.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.graphmail.contract.accounts.AccountRemoved;
import io.graphmail.contract.batches.BatchStateChanged;
import io.graphmail.contract.push.FolderChangeNotified;
import io.graphmail.contract.sync.SyncMailboxCommand;
import io.graphmail.platform.messaging.RetryTier;
import io.graphmail.testsupport.RunningSimulator;
import io.graphmail.testsupport.TestAccounts;
import io.graphmail.testsupport.TestBackends;
import io.graphmail.worker.MailWorkerApplication;
import io.graphmail.worker.WorkerTests;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What reaches the worker's other listeners while MongoDB is away (a sync command, a folder notification, an account
 * removal, a batch resumed) waits and takes effect once MongoDB is back, however long the outage: it is deferred
 * through the deferral queues, which do not count against the queues' delivery limit of 10. Requeued at once, each
 * would have reached that limit (10 deliveries of a 2 s driver timeout) and been dead-lettered.
 */
@SpringBootTest(
        classes = MailWorkerApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "spring.config.name=mail-worker")
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
class ListenersDuringMongoOutageIntegrationTests extends WorkerTests {

    /** One more than the queues' {@code x-delivery-limit}. */
    static final int PAST_DELIVERY_LIMIT = 11;

    static final RunningSimulator simulator = RunningSimulator.start();

    /** Survives its server: what a restarted MongoDB finds on its disk. */
    static final MemoryBackend DATA = new MemoryBackend() {
        @Override
        public void close() {}
    };

    static MongoServer mongoServer = new MongoServer(DATA);
    static int mongoPort;

    @Autowired
    MeterRegistry meterRegistry;

    final String mailbox = "outage-" + UUID.randomUUID() + "@graphmail.local";
    final String accountId = "account-" + UUID.randomUUID();
    final String removedAccountId = "removed-" + UUID.randomUUID();

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        mongoPort = mongoServer.bind().getPort();
        TestAccounts.workerProperties(simulator).forEach((name, value) -> registry.add(name, () -> value));
        registry.add(
                "spring.rabbitmq.addresses",
                () -> TestBackends.isolatedRabbitUri().toString());
        registry.add("spring.mongodb.uri", () -> "mongodb://127.0.0.1:%d/listeners-outage".formatted(mongoPort));
    }

    @AfterAll
    static void stop() {
        mongoServer.shutdownNow();
        simulator.close();
    }

    @Test
    void everyListenersWorkWaitsOutAnOutageLongerThanItsDeliveryLimitAndIsDoneAfterwards(CapturedOutput output) {
        mongo.getCollection("accounts").insertOne(TestAccounts.applicationAccount(accountId, mailbox));
        simulator.generateMessages(mailbox, "inbox", 5, Map.of());
        mongo.getCollection("token_caches")
                .insertOne(new Document("_id", removedAccountId)
                        .append("state", "ACTIVE")
                        .append("version", 0L));
        UUID batchId = UUID.randomUUID();
        var parked = SendMailCommandBuilder.sendMail(accountId)
                .subject("Held, then resumed")
                .build();
        mongo.getCollection("parked_commands").insertOne(parkedDocument(parked.commandId(), batchId, parked));
        var notification = new FolderChangeNotified(
                UUID.randomUUID(), accountId, "inbox", "no-such-subscription", null, Instant.now());

        mongoServer.shutdownNow();
        rabbit.convertAndSend(COMMANDS_EXCHANGE, SYNC_ROUTING_KEY, syncCommand());
        rabbit.convertAndSend(EVENTS_EXCHANGE, FOLDER_NOTIFIED_ROUTING_KEY, notification);
        rabbit.convertAndSend(
                EVENTS_EXCHANGE,
                ACCOUNT_REMOVED_ROUTING_KEY,
                new AccountRemoved(UUID.randomUUID(), removedAccountId, Instant.now()));
        rabbit.convertAndSend(
                EVENTS_EXCHANGE,
                BATCH_STATE_ROUTING_KEY,
                new BatchStateChanged(UUID.randomUUID(), batchId, "RUNNING", Instant.now()));
        var queues = List.of(
                SYNC_QUEUE, WORKER_FOLDER_NOTIFICATIONS_QUEUE, WORKER_ACCOUNT_EVENTS_QUEUE, WORKER_BATCH_EVENTS_QUEUE);
        await().atMost(Duration.ofMinutes(3))
                .untilAsserted(() -> assertThat(queues)
                        .allSatisfy(queue -> assertThat(deferrals(queue)).isGreaterThanOrEqualTo(PAST_DELIVERY_LIMIT)));

        mongoServer = new MongoServer(DATA);
        mongoServer.bind("127.0.0.1", mongoPort);

        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
            assertThat(mongo.getCollection("messages").countDocuments(new Document("accountId", accountId)))
                    .as("messages synced")
                    .isEqualTo(5);
            assertThat(mongo.getCollection("token_caches").countDocuments(new Document("_id", removedAccountId)))
                    .as("removed account's token cache")
                    .isZero();
            assertThat(simulator.sent(mailbox))
                    .as("resumed batch's message sent")
                    .hasSize(1);
            assertThat(output.getOut())
                    .as("notification handled")
                    .contains("Notification " + notification.eventId() + " is for a subscription no longer in use");
        });
        for (String deadLetters : List.of(SYNC_DEAD_LETTER_QUEUE, EVENTS_DEAD_LETTER_QUEUE, SEND_DEAD_LETTER_QUEUE)) {
            assertThat(admin.getQueueInfo(deadLetters).getMessageCount())
                    .as(deadLetters)
                    .isZero();
        }
        for (RetryTier tier : RetryTier.values()) {
            var deferred = admin.getQueueInfo(tier.deferralQueue());
            assertThat(deferred == null ? 0 : deferred.getMessageCount())
                    .as("copies left waiting in %s (each message deferred once at a time)", tier.deferralQueue())
                    .isZero();
        }
    }

    private double deferrals(String queue) {
        Counter counter = meterRegistry
                .find("graphmail.messaging.deferred")
                .tag("queue", queue)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private SyncMailboxCommand syncCommand() {
        return new SyncMailboxCommand(
                UUID.randomUUID(),
                UUID.randomUUID(),
                accountId,
                List.of("inbox"),
                SyncMailboxCommand.Mode.INCREMENTAL,
                null,
                Instant.now());
    }

    private Document parkedDocument(UUID commandId, UUID batchId, Object command) {
        byte[] body = rabbit.getMessageConverter()
                .toMessage(command, new MessageProperties())
                .getBody();
        return new Document("_id", commandId.toString())
                .append("accountId", accountId)
                .append("batchId", batchId.toString())
                .append("reason", "BATCH_PAUSED")
                .append("body", new String(body, StandardCharsets.UTF_8))
                .append("parkedAt", new java.util.Date())
                .append("correlationId", null);
    }
}
