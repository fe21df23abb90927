package io.graphmail.gateway.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.gateway.AliceAndBob;
import io.graphmail.gateway.Api;
import io.graphmail.gateway.GatewayAloneTests;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The webhook and suppression endpoints against what a careless or hostile caller sends: typos, bad URLs, oversize
 * bodies, another client's ids. Same clients as the tenancy test, so both share one gateway.
 */
@AliceAndBob
class WebhookRequestsIntegrationTests extends GatewayAloneTests {

    private static final String ENDPOINT = "http://127.0.0.1:9/hooks";

    Api alice;
    Api bob;

    @BeforeEach
    void clients() {
        alice = new Api(port, "alice-key");
        bob = new Api(port, "bob-key");
    }

    @Test
    void anUnknownEventTypeIsAnInvalidRequestNamingTheItem() {
        var registered = alice.post("/api/v1/webhooks", """
                {"url":"%s","events":["mail.sent","mail.snet"],"enabled":false}""".formatted(ENDPOINT));

        assertInvalid(registered, "events[1]");
        assertThat(registered.body()).contains("mail.snet");

        String id = register(alice);
        assertInvalid(alice.send("PATCH", "/api/v1/webhooks/" + id, "{\"events\":[\"Mail.Sent\"]}"), "events[0]");
        assertInvalid(alice.send("PATCH", "/api/v1/webhooks/" + id, "{\"events\":[null]}"), "events[0]");
        assertInvalid(alice.send("PATCH", "/api/v1/webhooks/" + id, "{\"events\":[\"\"]}"), "events[0]");
        assertThat(alice.get("/api/v1/webhooks/" + id)
                        .json()
                        .get("events")
                        .get(0)
                        .asString())
                .isEqualTo("*");
    }

    @Test
    void anUnusableUrlIsRefusedNamingTheUrl() {
        for (String url : List.of(
                "not a url", "ftp://127.0.0.1/hooks", "http://user:pw@127.0.0.1/hooks", "//127.0.0.1/hooks", " ")) {
            var answer = alice.post("/api/v1/webhooks", """
                    {"url":"%s","events":["*"]}""".formatted(url));

            assertThat(answer.status()).as(url).isBetween(400, 499);
            assertThat(answer.header("Content-Type")).as(url).startsWith("application/problem+json");
            assertThat(answer.json().get("errors").get(0).get("field").asString())
                    .as(url)
                    .isEqualTo("url");
        }
    }

    @Test
    void bodiesOverTheLimitAreRefusedBeforeTheyAreRead() {
        byte[] twoMegabytes = new byte[2 * 1024 * 1024];
        String id = register(alice);

        for (String path :
                List.of("/api/v1/webhooks", "/api/v1/suppressions", "/api/v1/webhooks/" + id + "/rotate-secret")) {
            var answer = alice.postBody(
                    path, HttpRequest.BodyPublishers.ofByteArray(twoMegabytes), "Content-Type", "application/json");
            assertThat(answer.status()).as(path).isEqualTo(413);
            assertThat(answer.text("type")).isEqualTo("https://graphmail.io/problems/request-too-large");
        }
    }

    @Test
    void anotherClientsEndpointDeliveryAndSuppressionAreNotFound() {
        String webhook = register(alice);
        String delivery = delivery(webhook, "alice", Instant.now());
        String suppressed = "kept-" + UUID.randomUUID() + "@example.com";
        assertThat(alice.post("/api/v1/suppressions", "{\"address\":\"" + suppressed + "\"}")
                        .status())
                .isEqualTo(201);
        String bobsWebhook = register(bob);

        List<Api.Response> answers = List.of(
                bob.get("/api/v1/webhooks/" + webhook),
                bob.send("PATCH", "/api/v1/webhooks/" + webhook, "{\"enabled\":true}"),
                bob.post("/api/v1/webhooks/" + webhook + "/rotate-secret", "{}"),
                bob.get("/api/v1/webhooks/" + webhook + "/deliveries"),
                bob.post("/api/v1/webhooks/" + webhook + "/deliveries/" + delivery + "/replay", "{}"),
                bob.post("/api/v1/webhooks/" + bobsWebhook + "/deliveries/" + delivery + "/replay", "{}"),
                bob.delete("/api/v1/webhooks/" + webhook),
                bob.delete("/api/v1/suppressions/" + suppressed));

        for (var answer : answers) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(404);
            assertThat(answer.body()).doesNotContain(ENDPOINT).doesNotContain("msg_alice");
        }
        assertThat(bob.get("/api/v1/suppressions?limit=200").body()).doesNotContain(suppressed);
        assertThat(alice.get("/api/v1/webhooks/" + webhook)
                        .json()
                        .get("enabled")
                        .asBoolean())
                .isFalse();
        assertThat(alice.get("/api/v1/suppressions?limit=200").body()).contains(suppressed);
        assertThat(mongo.getCollection("webhook_deliveries").countDocuments(new Document("webhookId", bobsWebhook)))
                .as("nothing replayed to bob's endpoint")
                .isZero();
    }

    @Test
    void theDeliveryLogPagesNewestFirstByCursor() {
        String webhook = register(alice);
        Instant now = Instant.now();
        var expected = new ArrayList<String>();
        // Two deliveries share a time: the cursor must tell them apart.
        for (Instant at :
                List.of(now, now.minusSeconds(1), now.minusSeconds(1), now.minusSeconds(2), now.minusSeconds(3))) {
            expected.add(delivery(webhook, "alice", at));
        }

        var seen = new ArrayList<String>();
        var createdAt = new ArrayList<Instant>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = alice.get("/api/v1/webhooks/" + webhook + "/deliveries?limit=2"
                            + (cursor == null ? "" : "&after=" + cursor))
                    .json();
            assertThat(page.get("items").size()).isLessThanOrEqualTo(2);
            page.get("items").forEach(item -> {
                seen.add(item.get("id").asString());
                createdAt.add(Instant.parse(item.get("createdAt").asString()));
            });
            cursor = page.path("nextCursor").isNull() || page.path("nextCursor").isMissingNode()
                    ? null
                    : page.get("nextCursor").asString();
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(seen).containsExactlyInAnyOrderElementsOf(expected).doesNotHaveDuplicates();
        assertThat(createdAt).isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(pages).as("5 deliveries, 2 a page").isEqualTo(3);
        JsonNode exactlyFull =
                alice.get("/api/v1/webhooks/" + webhook + "/deliveries?limit=5").json();
        assertThat(exactlyFull.get("items").size()).isEqualTo(5);
        assertThat(exactlyFull.path("nextCursor").isNull()
                        || exactlyFull.path("nextCursor").isMissingNode())
                .as("a page that holds the last delivery says there is no next one")
                .isTrue();
        assertInvalid(alice.get("/api/v1/webhooks/" + webhook + "/deliveries?after=not-a-cursor"), "after");
    }

    @Test
    void deliveriesAreKeptForTheConfiguredRetentionByATtlIndex() {
        var retention = new ArrayList<Document>();
        mongo.getCollection("webhook_deliveries").listIndexes().forEach(index -> {
            if ("retention".equals(index.getString("name"))) {
                retention.add(index);
            }
        });

        assertThat(retention).singleElement().satisfies(index -> {
            assertThat(index.get("key", Document.class)).containsEntry("createdAt", 1);
            assertThat(((Number) index.get("expireAfterSeconds")).longValue())
                    .isEqualTo(Duration.ofDays(30).toSeconds());
        });
    }

    private static void assertInvalid(Api.Response answer, String field) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.text("type")).isEqualTo("https://graphmail.io/problems/validation");
        assertThat(answer.json().get("errors").get(0).get("field").asString()).isEqualTo(field);
    }

    private static String register(Api client) {
        var answer = client.post("/api/v1/webhooks", """
                {"url":"%s","events":["*"],"enabled":false}""".formatted(ENDPOINT));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.text("id");
    }

    private String delivery(String webhook, String client, Instant at) {
        String id = "dlv_" + UUID.randomUUID().toString().replace("-", "");
        mongo.getCollection("webhook_deliveries")
                .insertOne(new Document("_id", id)
                        .append("webhookId", webhook)
                        .append("client", client)
                        .append("eventId", "msg_" + client)
                        .append("eventType", "mail.sent")
                        .append("eventAt", Date.from(at))
                        .append("payload", "{}")
                        .append("status", "DELIVERED")
                        .append("attempts", 1)
                        .append("createdAt", Date.from(at)));
        return id;
    }
}
