package io.graphmail.gateway.batches;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.graphmail.gateway.Api;
import io.graphmail.gateway.FullStackTests;
import io.graphmail.testsupport.TestAccounts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

/** A batch's states, its estimated completion and how fast a cancel takes effect, through a worker and Graph. */
class BatchLifecycleIntegrationTests extends FullStackTests {

    private static final Logger log = LoggerFactory.getLogger(BatchLifecycleIntegrationTests.class);

    static final List<String> UNFINISHED = List.of("SCHEDULED", "ACCEPTED", "SENDING");

    @Autowired
    Batches batches;

    @Autowired
    MongoTemplate mongo;

    final String suffix = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void resetSimulator() {
        simulator.reset();
    }

    @Test
    void becomesCompletedWithCompletedAtOnceEveryMessageIsFinal() {
        String account = register("done", 6000);
        var accepted = submit(account, 12);
        assertThat(accepted.text("state")).isEqualTo("ACTIVE");
        String location = accepted.header("Location");

        JsonNode done = await().atMost(Duration.ofSeconds(60))
                .until(() -> api.get(location).json(), batch -> "COMPLETED".equals(text(batch, "state")));

        assertThat(count(done, "SENT")).isEqualTo(12);
        Instant completedAt = Instant.parse(text(done, "completedAt"));
        var messages = api.get(location + "/messages?limit=100").json().get("items");
        messages.forEach(message -> assertThat(completedAt)
                .isAfterOrEqualTo(Instant.parse(message.get("sentAt").asString())));
        assertThat(done.get("estimatedCompletionAt").isNull()).isTrue();
        assertThat(batches.complete(text(done, "id"), Instant.now()))
                .as("completes once only")
                .isFalse();
        assertThat(batches.find(text(done, "id")).orElseThrow().completedAt()).isEqualTo(completedAt);
        var paused = api.post(location + "/pause", "");
        assertThat(paused.status()).isEqualTo(409);
        assertThat(paused.text("type")).endsWith("/batch-completed");
    }

    @Test
    void estimatesTheCompletionOfAPacedBatchWithinTenPercent() {
        String account = register("estimate", 120);
        var accepted = submit(account, 30);
        Instant createdAt = Instant.parse(accepted.text("createdAt"));
        Instant estimated = Instant.parse(accepted.text("estimatedCompletionAt"));
        assertThat(accepted.json().get("accountMessagesPerMinute").asInt()).isEqualTo(120);

        JsonNode done = await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> api.get(accepted.header("Location")).json(),
                        batch -> "COMPLETED".equals(text(batch, "state")));

        Duration actual = Duration.between(createdAt, Instant.parse(text(done, "completedAt")));
        Duration foreseen = Duration.between(createdAt, estimated);
        log.info("30 messages at 120/min: estimated {}, took {}", foreseen, actual);
        assertThat(foreseen.minus(actual).abs())
                .as("estimated %s, took %s", foreseen, actual)
                .isLessThanOrEqualTo(actual.dividedBy(10));
    }

    @Test
    void aPacedBatchIsOnTheBrokerAWindowAtATimeAndEveryMessageIsSentOnce() {
        String mailbox = "window-" + suffix + "@graphmail.local";
        String account = register("window", mailbox, 1200);
        var accepted = submit(account, 70);
        String batchId = accepted.text("id");

        // 1,200 a minute: 20 a second, the window's span; the other 50 wait recorded.
        assertThat(awaitingWindow(batchId)).isEqualTo(50);
        var inWindow = new AtomicLong();
        JsonNode done = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> {
                            inWindow.accumulateAndGet(unfinishedInWindow(batchId), Math::max);
                            return api.get(accepted.header("Location")).json();
                        },
                        batch -> "COMPLETED".equals(text(batch, "state")));

        assertThat(count(done, "SENT")).isEqualTo(70);
        assertThat(simulator.sent(mailbox)).hasSize(70);
        assertThat(awaitingWindow(batchId)).isZero();
        assertThat(inWindow.get()).as("most messages in the window at once").isBetween(1L, 20L);
    }

    @Test
    void aPausedBatchTakesNothingMoreIntoItsWindowUntilResumed() {
        String mailbox = "paused-window-" + suffix + "@graphmail.local";
        String account = register("paused-window", mailbox, 1200);
        String location = submit(account, 60).header("Location");
        String batchId = location.substring(location.lastIndexOf('/') + 1);
        api.post(location + "/pause", "");
        long heldAtPause = awaitingWindow(batchId);

        int settled = settled(() -> simulator.sent(mailbox).size());

        assertThat(heldAtPause).isPositive();
        assertThat(awaitingWindow(batchId)).as("still held back while paused").isEqualTo(heldAtPause);
        assertThat((long) settled).isLessThanOrEqualTo(60 - heldAtPause);
        api.post(location + "/resume", "");
        JsonNode done = await().atMost(Duration.ofSeconds(60))
                .until(() -> api.get(location).json(), batch -> "COMPLETED".equals(text(batch, "state")));
        assertThat(count(done, "SENT")).isEqualTo(60);
        assertThat(simulator.sent(mailbox)).hasSize(60);
    }

    private long awaitingWindow(String batchId) {
        return mongo.count(
                query(where("batchId").is(batchId).and("awaitsWindow").is(true)), "mail");
    }

    private long unfinishedInWindow(String batchId) {
        return mongo.count(
                query(where("batchId")
                        .is(batchId)
                        .and("status")
                        .in(UNFINISHED)
                        .and("awaitsWindow")
                        .exists(false)),
                "mail");
    }

    @Test
    void cancelMarksEveryUnsentMessageCancelledInItsAnswerAndNothingGoesToGraphAfterIt() {
        String mailbox = "cancel-" + suffix + "@graphmail.local";
        String account = register("cancel", mailbox, 600);
        String location = submit(account, 200).header("Location");
        String sends = "/v1.0/users/" + mailbox + "/messages/*/send";
        await().atMost(Duration.ofSeconds(30)).until(() -> sendRequests(sends) >= 5);

        var cancelled = api.post(location + "/cancel", "");
        int sentToGraphByTheAnswer = sendRequests(sends);

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(text(cancelled.json(), "state")).isEqualTo("CANCELLED");
        UNFINISHED.forEach(
                status -> assertThat(count(cancelled.json(), status)).as(status).isZero());
        assertThat(count(cancelled.json(), "CANCELLED") + count(cancelled.json(), "SENT"))
                .isEqualTo(200);
        int settled = settled(() -> sendRequests(sends));
        assertThat(settled).as("send requests after the cancel answered").isEqualTo(sentToGraphByTheAnswer);
        JsonNode after = await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get(location).json(), batch -> text(batch, "completedAt") != null);
        assertThat(count(after, "SENT"))
                .as("every message Graph accepted is SENT")
                .isEqualTo(simulator.sent(mailbox).size());
        assertThat(count(after, "CANCELLED") + count(after, "SENT")).isEqualTo(200);
        assertThat(text(after, "state")).isEqualTo("CANCELLED");
    }

    @Test
    void pauseCountsTheWaitingMessagesAsPausedInItsAnswer() {
        String account = register("pause", 60);
        String location = submit(account, 50).header("Location");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> count(api.get(location).json(), "SENT") >= 1);

        var paused = api.post(location + "/pause", "").json();

        assertThat(text(paused, "state")).isEqualTo("PAUSED");
        UNFINISHED.forEach(
                status -> assertThat(count(paused, status)).as(status).isZero());
        assertThat(count(paused, "PAUSED")).isPositive();
        assertThat(count(paused, "PAUSED") + count(paused, "SENT")).isEqualTo(50);
        assertThat(paused.get("estimatedCompletionAt").isNull()).isTrue();
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(waiting(location))
                        .as("each waiting message says why")
                        .isNotEmpty()
                        .allSatisfy(message ->
                                assertThat(text(message, "lastError")).isEqualTo("BATCH_PAUSED")));

        var resumed = api.post(location + "/resume", "").json();
        assertThat(text(resumed, "state")).isEqualTo("ACTIVE");
        assertThat(count(resumed, "PAUSED")).isZero();
        assertThat(text(resumed, "estimatedCompletionAt")).isNotNull();
        api.post(location + "/cancel", "");
    }

    @Test
    void aScheduledBatchIsScheduledUntilItsSendAt() {
        String account = register("later", 6000);
        var accepted = submit(account, 3, Instant.now().plusSeconds(2));

        assertThat(accepted.text("state")).isEqualTo("SCHEDULED");
        assertThat(Instant.parse(accepted.text("estimatedCompletionAt")))
                .isAfterOrEqualTo(Instant.parse(accepted.text("sendAt")));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> text(api.get(accepted.header("Location")).json(), "state"), "COMPLETED"::equals);
    }

    private String register(String name, int perMinute) {
        return register(name, name + "-" + suffix + "@graphmail.local", perMinute);
    }

    private String register(String name, String mailbox, int perMinute) {
        String accountId = name + "-" + suffix;
        var response =
                api.post("/api/v1/accounts", TestAccounts.applicationAccountJson(accountId, mailbox, perMinute, 4));
        assertThat(response.status()).isEqualTo(201);
        return accountId;
    }

    private Api.Response submit(String accountId, int messages) {
        return submit(accountId, messages, null);
    }

    private Api.Response submit(String accountId, int messages, Instant sendAt) {
        String recipients = IntStream.range(0, messages)
                .mapToObj(i -> "{\"to\":[\"r%d@example.com\"],\"variables\":{\"n\":%d}}".formatted(i, i))
                .collect(Collectors.joining(","));
        var response = api.post("/api/v1/mail/batches", """
                {"accountId":"%s",%s"template":{"subject":"Lifecycle {{n}}","text":"Message {{n}}"},"recipients":[%s]}""".formatted(
                        accountId, sendAt == null ? "" : "\"sendAt\":\"" + sendAt + "\",", recipients));
        assertThat(response.status()).isEqualTo(202);
        return response;
    }

    /** The batch's messages not final yet. */
    private List<JsonNode> waiting(String location) {
        return api.get(location + "/messages?limit=100")
                .json()
                .get("items")
                .valueStream()
                .filter(message -> UNFINISHED.contains(text(message, "status")))
                .toList();
    }

    private int sendRequests(String pathPattern) {
        return simulator.requestCounts(pathPattern).values().stream()
                .mapToInt(Integer::intValue)
                .sum();
    }

    /** The value once it stops changing for two seconds. */
    private static int settled(IntSupplier value) {
        var last = new AtomicInteger(-1);
        await().pollInterval(Duration.ofMillis(250))
                .during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(20))
                .until(() -> {
                    int now = value.getAsInt();
                    return now == last.getAndSet(now);
                });
        return last.get();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static long count(JsonNode batch, String status) {
        JsonNode counts = batch.get("counts");
        return counts == null || !counts.has(status) ? 0 : counts.get(status).asLong();
    }
}
