package io.graphmail.worker.send;

import static io.graphmail.contract.MailTopology.BATCH_STATE_ROUTING_KEY;
import static io.graphmail.contract.MailTopology.EVENTS_EXCHANGE;
import static io.graphmail.contract.MailTopology.TRANSACTIONAL_SEND_QUEUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graphmail.contract.batches.BatchStateChanged;
import io.graphmail.contract.send.MailSent;
import io.graphmail.testsupport.RunningSimulator;
import io.graphmail.worker.MailWorkerApplication;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * An account's slots between its lanes: a single send goes ahead of a running batch, two batches share the rate, and
 * a paused batch leaves its slots to the other at once, and shares again once resumed. The account sends 120 messages a minute (a slot every 1,008 ms)
 * (Exchange Online allows 30); counts are taken at the simulator, in the order it accepted the messages.
 */
@SpringBootTest(
        classes = MailWorkerApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "spring.config.name=mail-worker",
            "graphmail.worker.pacing.lanes.bulk-every=5",
            "graphmail.worker.pacing.clock-skew=100ms"
        })
class LanesIntegrationTests extends SimulatedMailboxTests {

    static final int PER_MINUTE = 60;
    /** A slot: a minute and the clock skew (100 ms), spread over the minute's sends. */
    static final Duration SPACING = Duration.ofMillis(60_100 / PER_MINUTE);

    final Set<UUID> batches = new HashSet<>();

    @Autowired
    RabbitListenerEndpointRegistry listeners;

    LanesIntegrationTests() {
        super("lanes");
    }

    @Override
    Document account() {
        return super.account()
                .append("limits", new Document("messagesPerMinute", PER_MINUTE).append("maxConcurrent", 4));
    }

    @AfterEach
    void cancelBatches() {
        batches.forEach(batch -> changeState(batch, "CANCELLED"));
        listeners.getListenerContainer("send-mail-transactional").start();
    }

    @Test
    void aSingleSendGoesOutWithinTwoSlotsWhileABatchRuns() {
        simulator.limit(mailbox, 10_000, null);
        UUID newsletter = batch();
        publishBatch(newsletter, "Newsletter", 300);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> simulator.sent(mailbox).size() >= 5);

        var reset = sendMail().subject("Password reset").build();
        int sentBefore = simulator.sent(mailbox).size();
        publish(reset);
        events.awaitOne(MailSent.class, reset.commandId());

        List<String> subjects = subjects();
        assertThat(subjects.indexOf("Password reset") - sentBefore)
                .as("batch messages sent between the single send's submission and its own")
                .isLessThanOrEqualTo(2);
    }

    /*
     * The batch is all queued before the single send: in one queue shared with the batch, the single would wait until
     * every batch message ahead of it had been taken and set aside.
     */
    @Test
    void aTransactionalCommandQueuedBehindABatchReachesGraphWithinTwoSlotsOfItsSubmission() {
        simulator.limit(mailbox, 10_000, null);
        var bulkConsumers = listeners.getListenerContainer("send-mail");
        bulkConsumers.stop();
        publishBatch(batch(), "Newsletter", 300);
        bulkConsumers.start();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> simulator.sent(mailbox).size() >= 2);

        var reset =
                sendMail().subject("Password reset").submittedAt(Instant.now()).build();
        publish(reset);

        Instant sent = await().atMost(Duration.ofSeconds(90)).until(() -> sentAt("Password reset"), Objects::nonNull);
        assertThat(Duration.between(reset.submittedAt(), sent))
                .as("from submission to Graph's acceptance, as the simulator recorded it")
                .isLessThanOrEqualTo(SPACING.multipliedBy(2));
    }

    /*
     * The transactional queue's consumers are stopped, so what comes back to it stays there. Through the bulk queue a
     * message back for its slot would wait behind the first passes of its batch (thousands, for a large one).
     */
    @Test
    void aBatchMessageQueuedForItsSlotComesBackForItOnTheTransactionalQueue() {
        simulator.limit(mailbox, 10_000, null);
        listeners.getListenerContainer("send-mail-transactional").stop();
        publishBatch(batch(), "Newsletter", 3);

        await().atMost(Duration.ofSeconds(30)).until(() -> messagesIn(TRANSACTIONAL_SEND_QUEUE) >= 1);
    }

    @Test
    void aBatchMessageRetriedAfterAGraphErrorComesBackOnItsBatchsQueue() {
        simulator.limit(mailbox, 10_000, null);
        simulator.fault(
                Map.of("pathPattern", RunningSimulator.SEND_PATHS, "status", 503, "count", 1, "retryAfterSeconds", 5));
        listeners.getListenerContainer("send-mail-transactional").stop();
        var command = sendMail().subject("Second time lucky").batch(batch()).build();
        publish(command);

        assertThat(events.awaitOne(MailSent.class, command.commandId()).attempts())
                .as("sent on its retry, which no transactional consumer took")
                .isEqualTo(2);
    }

    @Test
    void twoBatchesShareTheRateAPausedOneLeavesItsSlotsToTheOtherAndResumingSharesAgain() {
        simulator.limit(mailbox, 10_000, null);
        UUID first = batch();
        UUID second = batch();
        Set<UUID> firstMessages = publishBatch(first, "First", 60);
        publishBatch(second, "Second", 90);
        await().atMost(Duration.ofSeconds(90))
                .until(() -> simulator.sent(mailbox).size() >= 45);

        var window = subjects().subList(5, 45);
        assertThat(window.stream().filter(subject -> subject.startsWith("First")))
                .as("the second batch, submitted after all of the first, gets its share: 20 of 40 ± 10 %%")
                .hasSizeBetween(18, 22);

        changeState(first, "PAUSED");
        Instant paused = Instant.now();
        int sentAtPause = events.sent().size();
        await().atMost(Duration.ofSeconds(60)).until(() -> events.sent().size() >= sentAtPause + 20);

        var afterPause = events.sent().stream()
                .filter(sent -> sent.sentAt().isAfter(paused.plusSeconds(1)))
                .sorted((a, b) -> a.sentAt().compareTo(b.sentAt()))
                .toList();
        assertThat(afterPause).hasSizeGreaterThanOrEqualTo(12);
        assertThat(afterPause)
                .as("nothing of the paused batch once the pause is recorded")
                .noneMatch(sent -> firstMessages.contains(sent.commandId()));
        Duration span = Duration.between(
                afterPause.get(0).sentAt(),
                afterPause.get(afterPause.size() - 1).sentAt());
        long slots = span.toMillis() / SPACING.toMillis();
        assertThat(afterPause.size() - 1)
                .as("the other batch takes every slot: at least 90 %% of the %d slots of %s", slots, span)
                .isGreaterThanOrEqualTo((int) (slots * 0.9));

        changeState(first, "ACTIVE");
        int sentAtResume = simulator.sent(mailbox).size();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> simulator.sent(mailbox).size() >= sentAtResume + 25);
        var afterResume = subjects().subList(sentAtResume + 5, sentAtResume + 25);
        assertThat(afterResume.stream().filter(subject -> subject.startsWith("First")))
                .as("once resumed (and its parked messages back), the first batch shares again: 10 of 20 ± 10 %%")
                .hasSizeBetween(8, 12);
    }

    private UUID batch() {
        UUID batch = UUID.randomUUID();
        mongo.getCollection("batches").insertOne(new Document("_id", batch.toString()).append("state", "ACTIVE"));
        batches.add(batch);
        return batch;
    }

    /** @return the ids of its messages */
    private Set<UUID> publishBatch(UUID batch, String subject, int messages) {
        var commands = IntStream.range(0, messages)
                .mapToObj(
                        n -> sendMail().subject(subject + " " + n).batch(batch).build())
                .toList();
        commands.forEach(this::publish);
        return commands.stream().map(command -> command.commandId()).collect(Collectors.toSet());
    }

    /** As the gateway does: the batch's record first, then the event. */
    private void changeState(UUID batch, String state) {
        mongo.getCollection("batches")
                .updateOne(new Document("_id", batch.toString()), new Document("$set", new Document("state", state)));
        rabbit.convertAndSend(
                EVENTS_EXCHANGE,
                BATCH_STATE_ROUTING_KEY,
                new BatchStateChanged(UUID.randomUUID(), batch, state, Instant.now()));
    }

    private long messagesIn(String queue) {
        return admin.getQueueInfo(queue).getMessageCount();
    }

    /** When the simulator accepted the message with this subject, or {@code null} if it has not (yet). */
    private Instant sentAt(String subject) {
        return simulator.sent(mailbox).stream()
                .filter(message -> message.path("subject").asString().equals(subject))
                .map(message -> Instant.parse(message.path("sentDateTime").asString()))
                .findFirst()
                .orElse(null);
    }

    private List<String> subjects() {
        return simulator.sent(mailbox).stream()
                .map(message -> message.path("subject").asString())
                .toList();
    }
}
