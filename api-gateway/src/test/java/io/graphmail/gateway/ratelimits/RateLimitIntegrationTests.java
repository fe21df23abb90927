package io.graphmail.gateway.ratelimits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graphmail.gateway.Api;
import io.graphmail.gateway.GatewayAloneTests;
import io.graphmail.gateway.GatewayApplication;
import io.graphmail.testsupport.TestBackends;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Requests per second and messages per day, per client, over real HTTP; the buckets live in MongoDB, so a second
 * gateway started against the same MongoDB draws from the same ones.
 */
@TestPropertySource(
        properties = {
            "graphmail.security.clients.slow.keys=key-slow",
            "graphmail.security.clients.slow.scopes=mail:read",
            "graphmail.security.clients.slow.requests-per-second=5",
            "graphmail.security.clients.slow.burst=5",
            "graphmail.security.clients.bystander.keys=key-bystander",
            "graphmail.security.clients.bystander.scopes=mail:read",
            "graphmail.security.clients.counted.keys=key-counted",
            "graphmail.security.clients.counted.scopes=mail:send",
            "graphmail.security.clients.counted.accounts=*",
            "graphmail.security.clients.counted.messages-per-day=10",
            "graphmail.security.clients.counted.requests-per-second=-1",
            "graphmail.security.clients.batcher.keys=key-batcher",
            "graphmail.security.clients.batcher.scopes=mail:send",
            "graphmail.security.clients.batcher.accounts=*",
            "graphmail.security.clients.batcher.messages-per-day=10",
            "graphmail.security.clients.idempotent.keys=key-batcher-idempotent",
            "graphmail.security.clients.idempotent.scopes=mail:send",
            "graphmail.security.clients.idempotent.accounts=*",
            "graphmail.security.clients.idempotent.messages-per-day=10",
            "graphmail.security.clients.shared.keys=key-shared",
            "graphmail.security.clients.shared.scopes=mail:read",
            "graphmail.security.clients.shared.requests-per-second=1",
            "graphmail.security.clients.shared.burst=6"
        })
class RateLimitIntegrationTests extends GatewayAloneTests {

    private static final String HEALTH = "/api/v1/emails/health";

    @Test
    void refusesRequestsOverTheClientsRateUntilItsBucketRefills() {
        var slow = new Api(port, "key-slow");
        for (int i = 0; i < 5; i++) {
            var allowed = slow.get(HEALTH);
            assertThat(allowed.status()).isEqualTo(200);
            assertThat(allowed.header("RateLimit-Policy")).isEqualTo("\"requests\";q=5;w=1");
            assertThat(allowed.header("RateLimit")).matches("\"requests\";r=[0-4];t=\\d+");
        }

        var refused = firstRefusal(slow, 20);

        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.text("type")).isEqualTo("https://graphmail.io/problems/rate-limited");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
        assertThat(refused.header("RateLimit-Policy")).isEqualTo("\"requests\";q=5;w=1");
        assertThat(refused.header("RateLimit")).matches("\"requests\";r=0;t=[1-9]\\d*");
        assertThat(new Api(port, "key-bystander").get(HEALTH).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> slow.get(HEALTH).status() == 200);
    }

    @Test
    void gatewaysSharingMongoDbLimitAClientTogether() {
        try (var second = startSecondGateway()) {
            var onFirst = new Api(port, "key-shared");
            int secondPort = second.getEnvironment().getProperty("local.server.port", Integer.class);
            var onSecond = new Api(secondPort, "key-shared");
            assertThat(new Api(secondPort, "key-bystander").get(HEALTH).status())
                    .isEqualTo(200);

            List<Integer> here = new ArrayList<>();
            List<Integer> there = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                here.add(onFirst.get(HEALTH).status());
                there.add(onSecond.get(HEALTH).status());
            }

            // A burst of six for the client as a whole: each gateway alone would have let its six through.
            assertThat(here.subList(0, 3)).containsOnly(200);
            assertThat(there.subList(0, 3)).containsOnly(200);
            assertThat(here.subList(3, 6)).contains(429);
            assertThat(there.subList(3, 6)).contains(429);
        }
    }

    @Test
    void refusesMessagesOverTheDailyQuotaAndRecordsNoneOfThem() {
        var counted = new Api(port, "key-counted");
        assertThat(counted.post("/api/v1/mail/batches", batch(8)).status()).isEqualTo(202);
        assertThat(counted.post("/api/v1/mail", single()).status()).isEqualTo(202);
        assertThat(counted.post("/api/v1/mail", single()).status()).isEqualTo(202);

        var refused = counted.post("/api/v1/mail", single());

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.text("type")).isEqualTo("https://graphmail.io/problems/quota-exceeded");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 86_400L);
        assertThat(refused.header("RateLimit-Policy")).isEqualTo("\"messages\";q=10;w=86400;qu=\"messages\"");
        assertThat(refused.header("RateLimit")).matches("\"messages\";r=0;t=[1-9]\\d*");
        assertThat(mail("counted")).isEqualTo(10);
    }

    @Test
    void aQuotaRefusalIsNotKeptAsTheAnswerToItsIdempotencyKey() {
        var batcher = new Api(port, "key-batcher-idempotent");
        assertThat(batcher.post("/api/v1/mail/batches", batch(10)).status()).isEqualTo(202);

        String mail = single();
        var first = batcher.post("/api/v1/mail", mail, "Idempotency-Key", "quota-" + accountId);
        var again = batcher.post("/api/v1/mail", mail, "Idempotency-Key", "quota-" + accountId);

        assertThat(first.status()).isEqualTo(429);
        assertThat(again.status()).isEqualTo(429);
        assertThat(again.header("Idempotent-Replayed")).isNull();
    }

    @Test
    void refusesABatchLargerThanTheRemainingQuotaWhole() {
        var batcher = new Api(port, "key-batcher");
        assertThat(batcher.post("/api/v1/mail/batches", batch(8)).status()).isEqualTo(202);

        var refused = batcher.post("/api/v1/mail/batches", batch(3));

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.text("type")).isEqualTo("https://graphmail.io/problems/quota-exceeded");
        assertThat(refused.json().get("remaining").asLong()).isEqualTo(2);
        assertThat(mail("batcher")).isEqualTo(8);
        assertThat(mongo.getCollection("batches").countDocuments(new Document("client", "batcher")))
                .isEqualTo(1);
        assertThat(batcher.post("/api/v1/mail/batches", batch(2)).status()).isEqualTo(202);
        assertThat(mail("batcher")).isEqualTo(10);
    }

    @Test
    void aKeyIssuedWithItsOwnLimitsIsHeldToThem() {
        var issued = api.post("/api/v1/keys", """
                {"client":"tool","scopes":["mail:read"],"limits":{"requestsPerSecond":2,"burst":2}}""");
        assertThat(issued.status()).isEqualTo(201);
        assertThat(issued.json().get("limits").get("requestsPerSecond").asLong())
                .isEqualTo(2);
        assertThat(issued.json().get("limits").has("messagesPerDay")).isFalse();
        var tool = new Api(port, issued.text("key"));

        var first = tool.get(HEALTH);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("RateLimit-Policy")).isEqualTo("\"requests\";q=2;w=1");
        assertThat(firstRefusal(tool, 3).text("type")).isEqualTo("https://graphmail.io/problems/rate-limited");
    }

    @Test
    void refusesANegativeLimitForAnIssuedKey() {
        var refused = api.post("/api/v1/keys", """
                {"client":"tool","scopes":["mail:read"],"limits":{"messagesPerDay":-5}}""");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("limits.messagesPerDay");
    }

    @Test
    void theApiDescriptionTellsThatEveryOperationMayAnswer429() {
        var description = api.get("/v3/api-docs").json();

        var send = description
                .get("paths")
                .get("/api/v1/mail")
                .get("post")
                .get("responses")
                .get("429");
        assertThat(send).isNotNull();
        assertThat(send.get("headers").has("Retry-After")).isTrue();
        assertThat(send.get("headers").has("RateLimit")).isTrue();
    }

    private static Api.Response firstRefusal(Api client, int attempts) {
        for (int i = 0; i < attempts; i++) {
            var answer = client.get(HEALTH);
            if (answer.status() == 429) {
                return answer;
            }
        }
        throw new AssertionError("No request was refused after the burst");
    }

    private ConfigurableApplicationContext startSecondGateway() {
        var arguments = new ArrayList<>(List.of(TestBackends.arguments()));
        arguments.addAll(List.of(
                "--server.port=0",
                "--management.server.port=0",
                "--spring.jmx.enabled=false",
                "--graphmail.sync.schedule-enabled=false",
                "--spring.rabbitmq.listener.simple.auto-startup=false",
                "--graphmail.security.clients.bystander.keys=key-bystander",
                "--graphmail.security.clients.bystander.scopes=mail:read",
                "--graphmail.security.clients.shared.keys=key-shared",
                "--graphmail.security.clients.shared.scopes=mail:read",
                "--graphmail.security.clients.shared.requests-per-second=1",
                "--graphmail.security.clients.shared.burst=6"));
        return GatewayApplication.builder().run(arguments.toArray(String[]::new));
    }

    private long mail(String client) {
        return mongo.getCollection("mail").countDocuments(new Document("client", client));
    }

    private String single() {
        return """
                {"accountId":"%s","to":["ada@example.com"],"subject":"Hi","body":{"contentType":"text","content":"x"},
                 "sendAt":"%s"}""".formatted(accountId, later());
    }

    private String batch(int messages) {
        String items =
                IntStream.range(0, messages).mapToObj(i -> """
                        {"to":["r%d@example.com"],"subject":"%d","body":{"contentType":"text","content":"x"}}""".formatted(i, i)).collect(Collectors.joining(","));
        return """
                {"accountId":"%s","sendAt":"%s","messages":[%s]}""".formatted(accountId, later(), items);
    }

    private static String later() {
        return Instant.now().plusSeconds(3600).toString();
    }
}
