package io.graphmail.gateway.batches;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graphmail.gateway.OwnAccountTests;
import io.graphmail.testsupport.RunningSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class BatchIntegrationTests extends OwnAccountTests {

    BatchIntegrationTests() {
        super("bulk");
    }

    @Test
    void deliversATemplateBatchOfTwoThousandExactlyOnceWithTwoWorkers() {
        try (var secondWorker = startWorker()) {
            var response = api.post("/api/v1/mail/batches", templateBatch(2000, null));

            assertThat(response.status()).isEqualTo(202);
            String location = response.header("Location");
            await().atMost(Duration.ofSeconds(120))
                    .until(() -> count(api.get(location).json(), "SENT") == 2000);
            assertThat(count(api.get(location).json(), "FAILED")).isZero();
            List<JsonNode> sent = simulator.sent(mailbox);
            assertThat(sent).hasSize(2000);
            assertThat(sent.stream().map(m -> m.get("subject").asString()).collect(Collectors.toSet()))
                    .hasSize(2000);
            assertThat(sent.get(0).get("body").get("content").asString()).contains("&lt;b&gt;");
        }
    }

    @Test
    void rejectsABatchWithAMissingVariableNamingTheItemAndKeepsNothing() {
        long before = mongo.getCollection("batches").countDocuments();
        String recipients = IntStream.range(0, 10)
                .mapToObj(i -> i == 7
                        ? "{\"to\":[\"r7@example.com\"],\"variables\":{}}"
                        : "{\"to\":[\"r%d@example.com\"],\"variables\":{\"name\":\"R%d\"}}".formatted(i, i))
                .collect(Collectors.joining(","));

        var response = api.post("/api/v1/mail/batches", """
                {"accountId":"%s","template":{"subject":"Hi {{name}}","text":"Dear {{name}}"},"recipients":[%s]}""".formatted(accountId, recipients));

        assertThat(response.status()).isEqualTo(400);
        JsonNode error = response.json().get("errors").get(0);
        assertThat(error.get("index").asInt()).isEqualTo(7);
        assertThat(error.get("field").asString()).isEqualTo("variables");
        assertThat(mongo.getCollection("batches").countDocuments()).isEqualTo(before);
    }

    @Test
    void rejectsMoreThanTenThousandItems() {
        var response = api.post("/api/v1/mail/batches", templateBatch(10_001, null));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("recipients");
    }

    @Test
    void namesAnInvalidAddressByItsItemOnceAndKeepsNothing() {
        long before = mongo.getCollection("batches").countDocuments();

        var response = api.post("/api/v1/mail/batches", templateBatch(10, null).replace("r3@example.com", "r3"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.text("type")).isEqualTo("https://graphmail.io/problems/validation");
        JsonNode errors = response.json().get("errors");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).get("index").asInt()).isEqualTo(3);
        assertThat(errors.get(0).get("path").asString()).isEqualTo("recipients[3].to[0]");
        assertThat(mongo.getCollection("batches").countDocuments()).isEqualTo(before);
    }

    @Test
    void namesEachInvalidAddressOfARecipientAndANullRecipientOnce() {
        var response = api.post("/api/v1/mail/batches", """
                {"accountId":"%s","template":{"subject":"Hi","text":"Hello"},"recipients":[
                {"to":["r0@example.com"],"cc":[" "],"bcc":["r0-bcc"]},
                null,
                {"to":["r2@example.com"]}]}""".formatted(accountId));

        assertThat(response.status()).isEqualTo(400);
        List<String> errors = new ArrayList<>();
        response.json()
                .get("errors")
                .forEach(error -> errors.add(error.get("path").asString() + ": "
                        + error.get("message").asString()));
        assertThat(errors)
                .containsExactlyInAnyOrder(
                        "recipients[0].cc[0]: must not be blank",
                        "recipients[0].cc[0]: must be a well-formed email address",
                        "recipients[0].bcc[0]: must be a well-formed email address",
                        "recipients[1]: must not be null");
    }

    @Test
    void refusesAPageLimitOutOfRangeNamingIt() {
        String location =
                api.post("/api/v1/mail/batches", templateBatch(1, null)).header("Location");

        var response = api.get(location + "/messages?limit=0");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.text("type")).isEqualTo("https://graphmail.io/problems/validation");
        assertThat(response.json().get("errors")).hasSize(1);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("limit");
        assertThat(response.text("detail")).startsWith("limit: ");
    }

    @Test
    void answers404ForABatchFromAnUnknownAccount() {
        var response = api.post("/api/v1/mail/batches", templateBatch(1, null).replace(accountId, "nobody-here"));

        assertThat(response.status()).isEqualTo(404);
    }

    @Test
    void pausedScheduledBatchWaitsUntilResumed() {
        Instant sendAt = Instant.now().plusSeconds(1);
        String location =
                api.post("/api/v1/mail/batches", templateBatch(20, sendAt)).header("Location");

        assertThat(api.post(location + "/pause", "").json().get("state").asString())
                .isEqualTo("PAUSED");
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5))
                .until(() -> simulator.sent(mailbox).isEmpty());
        assertThat(count(api.get(location).json(), "PAUSED")).isEqualTo(20);

        api.post(location + "/resume", "");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> count(api.get(location).json(), "SENT") == 20);
    }

    @Test
    void pausingHoldsQueuedMessagesAndResumingSendsThem() {
        simulator.latency(RunningSimulator.SEND_PATHS, 100);
        String location =
                api.post("/api/v1/mail/batches", templateBatch(60, null)).header("Location");

        // Paused once sending is under way, with the rest queued or in flight at the workers.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> simulator.sent(mailbox).size() > 0);
        api.post(location + "/pause", "");
        int sentWhilePaused = settledSentCount();
        assertThat(sentWhilePaused).isLessThan(60);

        api.post(location + "/resume", "");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> count(api.get(location).json(), "SENT") == 60);
        assertThat(simulator.sent(mailbox)).hasSize(60);
    }

    @Test
    void cancellingEndsTheRemainingMessagesCancelled() {
        String location = api.post(
                        "/api/v1/mail/batches", templateBatch(15, Instant.now().plusSeconds(30)))
                .header("Location");

        var cancelled = api.post(location + "/cancel", "");

        assertThat(cancelled.json().get("state").asString()).isEqualTo("CANCELLED");
        assertThat(count(cancelled.json(), "CANCELLED")).isEqualTo(15);
        assertThat(api.post(location + "/resume", "").status()).isEqualTo(409);
        var page = api.get(location + "/messages?status=CANCELLED&limit=10");
        var next = api.get(location + "/messages?status=CANCELLED&limit=10&after=" + page.text("nextCursor"));
        var ids = new HashSet<String>();
        page.json().get("items").forEach(item -> ids.add(item.get("id").asString()));
        next.json().get("items").forEach(item -> ids.add(item.get("id").asString()));
        assertThat(ids).hasSize(15);
        assertThat(next.text("nextCursor")).isNull();
    }

    /** The number sent once it stops changing for two seconds. */
    private int settledSentCount() {
        var last = new AtomicInteger(-1);
        await().pollInterval(Duration.ofMillis(250))
                .during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(20))
                .until(() -> {
                    int now = simulator.sent(mailbox).size();
                    return now == last.getAndSet(now);
                });
        return last.get();
    }

    private String templateBatch(int recipients, Instant sendAt) {
        String list = IntStream.range(0, recipients)
                .mapToObj(i -> "{\"to\":[\"r%d@example.com\"],\"variables\":{\"name\":\"<b>R%d</b>\"}}".formatted(i, i))
                .collect(Collectors.joining(","));
        return """
                {"accountId":"%s",%s"template":{"subject":"Hello {{name}}","html":"<p>Dear {{name}}</p>"},"recipients":[%s]}""".formatted(accountId, sendAt == null ? "" : "\"sendAt\":\"" + sendAt + "\",", list);
    }

    private static long count(JsonNode batch, String status) {
        JsonNode counts = batch.get("counts");
        return counts == null || !counts.has(status) ? 0 : counts.get(status).asLong();
    }
}
