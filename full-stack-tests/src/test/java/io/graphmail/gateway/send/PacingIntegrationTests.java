package io.graphmail.gateway.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graphmail.gateway.FullStackTests;
import io.graphmail.testsupport.RunningSimulator;
import io.graphmail.testsupport.TestAccounts;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Per-account pacing across workers, against a simulator that throttles like Graph. */
class PacingIntegrationTests extends FullStackTests {

    final String suffix = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void resetSimulator() {
        simulator.reset();
    }

    @Test
    void twoWorkersNeverExceedAMailboxsLimits() {
        String mailbox = "paced-" + suffix + "@graphmail.local";
        register("paced-" + suffix, mailbox, 600, 4);
        simulator.limit(mailbox, 600, 4);
        simulator.latency(RunningSimulator.SEND_PATHS, 100);
        try (var secondWorker = startWorker()) {
            String location = submit("paced-" + suffix, 80);

            await().atMost(Duration.ofSeconds(90))
                    .until(() -> count(api.get(location).json(), "SENT") == 80);
            var stats = simulator.stats(mailbox);
            assertThat(stats.maxConcurrentObserved()).isBetween(1, 4);
            assertThat(stats.throttled()).as("our pacing causes no 429").isZero();
            assertThat(simulator.sent(mailbox)).hasSize(80);
        }
    }

    @Test
    void deliversEverythingOnceAfterABurstOfThrottling() {
        String mailbox = "burst-" + suffix + "@graphmail.local";
        register("burst-" + suffix, mailbox, 6000, 4);
        simulator.fault(
                Map.of("pathPattern", RunningSimulator.SEND_PATHS, "status", 429, "count", 8, "retryAfterSeconds", 1));

        String location = submit("burst-" + suffix, 30);

        await().atMost(Duration.ofSeconds(60))
                .until(() -> count(api.get(location).json(), "SENT") == 30);
        assertThat(count(api.get(location).json(), "FAILED")).isZero();
        assertThat(simulator.sent(mailbox)).hasSize(30);
    }

    @Test
    void aThrottledAccountDoesNotHoldUpOtherAccounts() {
        String slowMailbox = "slow-" + suffix + "@graphmail.local";
        String fastMailbox = "fast-" + suffix + "@graphmail.local";
        register("slow-" + suffix, slowMailbox, 6000, 4);
        register("fast-" + suffix, fastMailbox, 6000, 4);
        // Graph throttles the slow mailbox's sends (429, Retry-After 60 s). Exchange's messages per minute would not:
        // over them mail is accepted and delivered late.
        String slowSends = "/v1.0/users/" + slowMailbox + "/messages/*/send";
        simulator.fault(Map.of("pathPattern", slowSends, "status", 429, "retryAfterSeconds", 60));
        String slow = submit("slow-" + suffix, 40);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !simulator.requestCounts(slowSends).isEmpty());

        String fast = submit("fast-" + suffix, 20);

        await().atMost(Duration.ofSeconds(15)).until(() -> count(api.get(fast).json(), "SENT") == 20);
        assertThat(count(api.get(slow).json(), "SENT"))
                .as("the throttled account waits out its Retry-After")
                .isZero();
    }

    @Test
    void aMessageShowsWhyItWaitsAndNoLongerOnceSent() {
        register("waits-" + suffix, "waits-" + suffix + "@graphmail.local", 12, 4);
        String location = submit("waits-" + suffix, 3);

        JsonNode waiting = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> api.get(location + "/messages")
                                .json()
                                .path("items")
                                .valueStream()
                                .filter(item -> "SENDING"
                                                .equals(item.path("status").asString())
                                        && item.path("lastError").asString("").startsWith("PACED: RATE until "))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();

        var sent = awaitStatus("/api/v1/mail/" + waiting.path("id").asString(), "SENT");
        assertThat(sent.json().has("lastError") && !sent.json().get("lastError").isNull())
                .as("lastError of a sent message: %s", sent.body())
                .isFalse();
    }

    private void register(String accountId, String mailbox, int perMinute, int maxConcurrent) {
        var response = api.post(
                "/api/v1/accounts", TestAccounts.applicationAccountJson(accountId, mailbox, perMinute, maxConcurrent));
        assertThat(response.status()).isEqualTo(201);
    }

    private String submit(String accountId, int messages) {
        String recipients = numberedRecipients(messages);
        var response = api.post("/api/v1/mail/batches", """
                {"accountId":"%s","template":{"subject":"Paced {{n}}","text":"Message {{n}}"},"recipients":[%s]}""".formatted(accountId, recipients));
        assertThat(response.status()).isEqualTo(202);
        return response.header("Location");
    }

    private static long count(JsonNode batch, String status) {
        JsonNode counts = batch.get("counts");
        return counts == null || !counts.has(status) ? 0 : counts.get(status).asLong();
    }
}
