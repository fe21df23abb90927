package io.graphmail.gateway.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graphmail.contract.MailTopology;
import io.graphmail.contract.accounts.AccountStatusChanged;
import io.graphmail.contract.send.MailBounced;
import io.graphmail.contract.sync.MailReceived;
import io.graphmail.gateway.Api;
import io.graphmail.gateway.FullStackTests;
import io.graphmail.gateway.webhooks.delivery.WebhookDelivery;
import io.graphmail.gateway.webhooks.targets.NamedAddresses;
import io.graphmail.platform.messaging.ConfirmedPublisher;
import io.graphmail.testsupport.RunningSimulator;
import io.graphmail.testsupport.TestAccounts;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhooks end to end: the gateway, a worker and the Graph simulator, with receivers on 127.0.0.1 (allowed by this
 * test's configuration, plain http too).
 */
@TestPropertySource(
        properties = {
            "graphmail.security.clients.alpha.keys=alpha-key",
            "graphmail.security.clients.alpha.scopes=mail:send,mail:read,accounts:manage,accounts:read,"
                    + "mailbox:read,webhooks:read,webhooks:write",
            "graphmail.security.clients.beta.keys=beta-key",
            "graphmail.security.clients.beta.scopes=mail:send,mail:read,accounts:manage,accounts:read,"
                    + "mailbox:read,webhooks:read,webhooks:write",
            "graphmail.webhooks.allow-http=true",
            "graphmail.webhooks.allowed-hosts=127.0.0.1",
            "graphmail.webhooks.initial-backoff=100ms",
            "graphmail.webhooks.max-backoff=1s",
            "graphmail.webhooks.timeout=5s",
            "graphmail.webhooks.per-endpoint=2"
        })
@Import(WebhooksIntegrationTests.Names.class)
class WebhooksIntegrationTests extends FullStackTests {

    /** Host names a test points where it likes, in place of the system's resolver. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Names {

        @Bean
        @Primary
        NamedAddresses namedAddresses() {
            return new NamedAddresses();
        }

        @Bean
        DeliveryFilters deliveryFilters() {
            return new DeliveryFilters();
        }

        @Bean
        MongoClientSettingsBuilderCustomizer reportingDeliveryFilters(DeliveryFilters filters) {
            return settings -> settings.addCommandListener(filters);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    ConfirmedPublisher publisher;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    MeterRegistry meters;

    @Autowired
    NamedAddresses names;

    @Autowired
    DeliveryFilters deliveryFilters;

    Api alpha;
    Api beta;
    String alphaAccount;
    String betaAccount;

    @BeforeEach
    void registerAccounts() {
        alpha = new Api(port, "alpha-key");
        beta = new Api(port, "beta-key");
        alphaAccount = register(alpha, "alpha");
        betaAccount = register(beta, "beta");
    }

    /** Endpoints of earlier tests point at receivers that are gone: they must not keep retrying beside later tests. */
    @AfterEach
    void disableEndpoints() {
        for (Api client : List.of(alpha, beta)) {
            for (JsonNode webhook : client.get("/api/v1/webhooks").json().get("items")) {
                client.send("PATCH", "/api/v1/webhooks/" + webhook.get("id").asString(), "{\"enabled\":false}");
            }
        }
    }

    @Test
    void aSendAndABatchArriveSignedWithTheEndpointsSecret() throws Exception {
        try (var receiver = Receiver.ok()) {
            var endpoint = subscribe(alpha, receiver.url(), "mail.sent", "batch.completed");
            String secret = endpoint.text("secret");
            assertThat(secret).startsWith("whsec_");
            assertThat(alpha.get("/api/v1/webhooks/" + endpoint.text("id")).text("secret"))
                    .as("the secret is shown once")
                    .isNull();

            String mailId = send(alpha, alphaAccount);
            String batchId = batch(alpha, alphaAccount, 3);

            await().atMost(WAIT)
                    .until(() -> events(receiver, "batch.completed").size() == 1
                            && events(receiver, "mail.sent").size() == 4);
            assertThat(receiver.requests()).allMatch(request -> Verification.verifies(secret, request));
            assertThat(events(receiver, "mail.sent"))
                    .anyMatch(
                            event -> event.get("data").get("mailId").asString().equals(mailId));
            JsonNode completed = events(receiver, "batch.completed").get(0);
            assertThat(completed.get("data").get("batchId").asString()).isEqualTo(batchId);
            assertThat(completed.get("data").get("counts").get("SENT").asInt()).isEqualTo(3);
            assertThat(completed.get("id").asString()).startsWith("msg_");
            assertThat(receiver.requests().get(0).body()).doesNotContain("Hello there");
        }
    }

    @Test
    void aFailingEndpointGetsTheSameWebhookIdUntilItAcknowledges() throws Exception {
        try (var receiver = Receiver.answering(n -> n <= 3 ? 500 : 200)) {
            var endpoint = subscribe(alpha, receiver.url(), "mail.sent");

            send(alpha, alphaAccount);

            var delivery = onlyDelivery(
                    alpha, endpoint, item -> item.get("status").asString().equals("DELIVERED"));
            assertThat(delivery.get("attempts").asInt()).isEqualTo(4);
            assertThat(delivery.get("lastStatusCode").asInt()).isEqualTo(200);
            assertThat(receiver.requests()).hasSize(4);
            assertThat(receiver.requests().stream().map(Receiver.Request::id).distinct())
                    .containsExactly(delivery.get("eventId").asString());
            assertThat(receiver.requests()).allMatch(r -> Verification.verifies(endpoint.text("secret"), r));
            assertThat(meters.get("graphmail.webhooks.attempts")
                            .tag("event", "mail.sent")
                            .tag("result", "retry")
                            .counter()
                            .count())
                    .isGreaterThanOrEqualTo(3);

            var replay =
                    alpha.post(deliveries(endpoint) + "/" + delivery.get("id").asString() + "/replay", "{}");
            assertThat(replay.status()).isEqualTo(202);
            await().atMost(WAIT).until(() -> receiver.requests().size() == 5);
            assertThat(receiver.requests().get(4).id())
                    .isEqualTo(delivery.get("eventId").asString());
        }
    }

    /** A 500-message batch goes out, and every event of it reaches the healthy endpoint, while the other hangs. */
    @Test
    void aSlowEndpointHoldsOnlyItsShareWhileAnotherGetsEverything() throws Exception {
        try (var hanging = Receiver.slow(Duration.ofSeconds(4));
                var healthy = Receiver.ok()) {
            subscribe(alpha, hanging.url(), "*");
            subscribe(alpha, healthy.url(), "*");

            batch(alpha, alphaAccount, 500);

            await().atMost(WAIT.multipliedBy(2))
                    .until(() -> events(healthy, "batch.completed").size() == 1
                            && events(healthy, "mail.sent").size() == 500);
            assertThat(hanging.maxInFlight())
                    .as("the hanging endpoint never holds more than its share of the consumers")
                    .isLessThanOrEqualTo(2);
        }
    }

    /**
     * A busy endpoint's deliveries wait for about as long as its backlog will take, not 250 ms again and again: each
     * of them passes through the queue a few times while it waits, not every 250 ms (some 4 times a second).
     */
    @Test
    void aBusyEndpointsDeliveriesWaitInProportionToItsBacklog() throws Exception {
        try (var slow = Receiver.slow(Duration.ofSeconds(1))) {
            subscribe(alpha, slow.url(), "mail.sent");
            double before = deferred();

            batch(alpha, alphaAccount, 12);

            await().atMost(WAIT).until(() -> events(slow, "mail.sent").size() == 12);
            assertThat(mailIds(slow)).doesNotHaveDuplicates().hasSize(12);
            assertThat(slow.maxInFlight()).isLessThanOrEqualTo(2);
            double deferrals = deferred() - before;
            assertThat(deferrals)
                    .as("deliveries sent back because their endpoint was busy")
                    .isPositive()
                    .isLessThan(12 * 3);
        }
    }

    private double deferred() {
        return meters.get("graphmail.webhooks.deferred").counter().count();
    }

    /** The listener that emits waits for the broker before it acknowledges: one wait per event, not per endpoint. */
    @Test
    void anEventForSeveralEndpointsIsQueuedWithOneWaitForConfirms() throws Exception {
        try (var first = Receiver.ok();
                var second = Receiver.ok();
                var third = Receiver.ok()) {
            for (Receiver receiver : List.of(first, second, third)) {
                subscribe(alpha, receiver.url(), "mail.sent");
            }
            long before = deliveriesPublished();

            String mailId = send(alpha, alphaAccount);

            await().atMost(WAIT)
                    .until(() -> List.of(first, second, third).stream()
                            .allMatch(receiver -> mailIds(receiver).contains(mailId)));
            assertThat(deliveriesPublished() - before).isEqualTo(1);
        }
    }

    /**
     * Storing, reading and recording deliveries, retries included, select by {@code _id} at the top level of the
     * filter, which any MongoDB answers from the {@code _id} index (an {@code $and} around it made the in-process
     * server read the whole collection, which grows by a document per delivery, on every attempt).
     */
    @Test
    void deliveriesAreSelectedByIdAtTheTopOfEveryFilter() throws Exception {
        try (var failingOnce = Receiver.answering(n -> n == 1 ? 503 : 204);
                var healthy = Receiver.ok()) {
            var retried = subscribe(alpha, failingOnce.url(), "mail.sent");
            var delivered = subscribe(alpha, healthy.url(), "mail.sent");
            int mark = deliveryFilters.mark();

            String mailId = send(alpha, alphaAccount);

            await().atMost(WAIT)
                    .until(() -> mailIds(failingOnce).equals(List.of(mailId, mailId))
                            && mailIds(healthy).equals(List.of(mailId)));
            for (var endpoint : List.of(retried, delivered)) {
                String webhookId = endpoint.text("id");
                await().atMost(WAIT)
                        .until(() -> mongo.findAll(WebhookDelivery.class).stream()
                                .filter(delivery -> delivery.webhookId().equals(webhookId))
                                .anyMatch(delivery -> delivery.status() == WebhookDelivery.Status.DELIVERED));
            }
            var filters = deliveryFilters.since(mark).stream()
                    .filter(filter -> !filter.isEmpty())
                    .toList();
            assertThat(filters)
                    .as("stored, read, retried and recorded")
                    .hasSizeGreaterThanOrEqualTo(6)
                    .allSatisfy(filter ->
                            assertThat(filter.keySet()).contains("_id").doesNotContain("$and", "$or"));
        }
    }

    @Test
    void aClientHearsNothingOfAnotherClientsMail() throws Exception {
        try (var alphas = Receiver.ok();
                var betas = Receiver.ok()) {
            subscribe(alpha, alphas.url(), "*");
            var betaEndpoint = subscribe(beta, betas.url(), "*");

            String alphaMail = send(alpha, alphaAccount);
            String betaMail = send(beta, betaAccount);

            await().atMost(WAIT)
                    .until(() -> mailIds(alphas).contains(alphaMail)
                            && mailIds(betas).contains(betaMail));
            assertThat(mailIds(alphas)).doesNotContain(betaMail);
            assertThat(mailIds(betas)).doesNotContain(alphaMail);
            assertThat(beta.get(deliveries(betaEndpoint)).json().get("items"))
                    .allMatch(item -> !item.get("payload").asString().contains(alphaMail));
        }
    }

    @Test
    void bothSecretsSignDuringTheOverlapAfterARotation() throws Exception {
        try (var receiver = Receiver.ok()) {
            var endpoint = subscribe(alpha, receiver.url(), "mail.sent");
            String old = endpoint.text("secret");
            var rotated = alpha.post("/api/v1/webhooks/" + endpoint.text("id") + "/rotate-secret", "{}");
            assertThat(rotated.status()).isEqualTo(200);
            String fresh = rotated.text("secret");
            assertThat(fresh).startsWith("whsec_").isNotEqualTo(old);

            send(alpha, alphaAccount);

            await().atMost(WAIT).until(() -> receiver.requests().size() == 1);
            var request = receiver.requests().get(0);
            assertThat(request.signature().split(" ")).hasSize(2);
            assertThat(Verification.verifies(old, request)).isTrue();
            assertThat(Verification.verifies(fresh, request)).isTrue();
            assertThat(Verification.verifies("whsec_" + "A".repeat(43) + "=", request))
                    .isFalse();
        }
    }

    @Test
    void refusesInternalTargetsAtRegistrationAndDoesNotFollowRedirects() throws Exception {
        for (String url :
                List.of("http://169.254.169.254/latest/meta-data", "http://10.0.0.1/hook", "http://localhost:9/hook")) {
            var answer = alpha.post("/api/v1/webhooks", """
                    {"url":"%s","events":["*"]}""".formatted(url));
            assertThat(answer.status()).as(url).isEqualTo(422);
            assertThat(answer.text("field")).isEqualTo("url");
        }
        try (var target = Receiver.ok();
                var redirecting = Receiver.redirectingTo(target.url())) {
            var endpoint = subscribe(alpha, redirecting.url(), "mail.sent");

            send(alpha, alphaAccount);

            onlyDelivery(alpha, endpoint, item -> item.get("lastStatusCode").asInt() == 302);
            assertThat(target.requests()).isEmpty();
        }
    }

    @Test
    void refusesAHostNameThatResolvesToAnInternalAddressAtRegistration() {
        names.point("internal.example.test", "10.0.0.1").point("metadata.example.test", "169.254.169.254");

        for (String url :
                List.of("http://internal.example.test/hook", "http://metadata.example.test/latest/meta-data")) {
            var answer = alpha.post("/api/v1/webhooks", """
                    {"url":"%s","events":["*"]}""".formatted(url));
            try {
                assertThat(answer.status()).as(url).isEqualTo(422);
                assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
                assertThat(answer.text("field")).isEqualTo("url");
                assertThat(answer.body()).contains("resolves to an internal address");
            } finally {
                if (answer.status() == 201) {
                    alpha.delete("/api/v1/webhooks/" + answer.text("id"));
                }
            }
        }
    }

    @Test
    void aHostNameThatResolvesToAnInternalAddressAtDeliveryIsNeverConnectedTo() throws Exception {
        try (var receiver = Receiver.ok()) {
            int port = URI.create(receiver.url()).getPort();
            // Public when registered, then the receiver's loopback address: it would see any request that got through.
            names.pointOnceThen("rebinding.example.test", "93.184.215.14", "127.0.0.1");
            var endpoint = subscribe(alpha, "http://rebinding.example.test:" + port + "/hooks", "mail.sent");

            send(alpha, alphaAccount);

            var delivery =
                    onlyDelivery(alpha, endpoint, item -> item.get("attempts").asInt() >= 2);
            assertThat(delivery.get("status").asString()).isNotEqualTo("DELIVERED");
            assertThat(delivery.get("lastError").asString()).contains("resolves to an internal address");
            assertThat(delivery.path("lastStatusCode").isIntegralNumber()).isFalse();
            assertThat(receiver.requests()).isEmpty();
        }
    }

    @Test
    void accountEventsReachTheAccountsOwnerOnly() throws Exception {
        try (var alphas = Receiver.ok();
                var betas = Receiver.ok()) {
            subscribe(alpha, alphas.url(), "account.reauth_required");
            subscribe(beta, betas.url(), "*");

            alphasAccountTurned("REAUTH_REQUIRED", "invalid_grant");

            await().atMost(WAIT).until(() -> alphas.requests().size() == 1);
            JsonNode event = events(alphas, "account.reauth_required").get(0);
            assertThat(event.get("data").get("accountId").asString()).isEqualTo(alphaAccount);
            assertThat(event.get("data").get("reason").asString()).isEqualTo("invalid_grant");
            assertThat(deliveriesTo("beta", "eventId", event.get("id").asString()))
                    .isZero();
        }
    }

    @Test
    void aRefusedAndADeadLetteredMessageArriveAsTheirOwnEvents() throws Exception {
        try (var receiver = Receiver.ok()) {
            var endpoint = subscribe(alpha, receiver.url(), "mail.failed", "mail.dead_lettered");
            simulator.refuseNextSend("ErrorInvalidRecipients");
            String refused = send(alpha, alphaAccount);
            await().atMost(WAIT).until(() -> events(receiver, "mail.failed").size() == 1);
            simulator.fault(Map.of("pathPattern", RunningSimulator.SEND_PATHS, "status", 503, "count", 3));
            String lost = send(alpha, alphaAccount);

            await().atMost(WAIT)
                    .until(() -> events(receiver, "mail.dead_lettered").size() == 1);
            JsonNode failed = events(receiver, "mail.failed").get(0).get("data");
            assertThat(failed.get("mailId").asString()).isEqualTo(refused);
            assertThat(failed.get("status").asString()).isEqualTo("FAILED");
            assertThat(failed.get("reason").asString()).startsWith("ErrorInvalidRecipients");
            JsonNode deadLettered =
                    events(receiver, "mail.dead_lettered").get(0).get("data");
            assertThat(deadLettered.get("mailId").asString()).isEqualTo(lost);
            assertThat(deadLettered.get("status").asString()).isEqualTo("DEAD_LETTERED");
            assertThat(deadLettered.get("reason").asString()).isNotBlank();
            assertThat(receiver.requests()).hasSize(2).allMatch(r -> Verification.verifies(endpoint.text("secret"), r));
        } finally {
            simulator.reset();
        }
    }

    @Test
    void anAccountThatBecameUsableIsToldAsActivated() throws Exception {
        try (var alphas = Receiver.ok();
                var betas = Receiver.ok()) {
            subscribe(alpha, alphas.url(), "account.activated");
            subscribe(beta, betas.url(), "*");

            alphasAccountTurned("ACTIVE", null);

            await().atMost(WAIT).until(() -> alphas.requests().size() == 1);
            JsonNode data = events(alphas, "account.activated").get(0).get("data");
            assertThat(data.get("accountId").asString()).isEqualTo(alphaAccount);
            assertThat(data.get("status").asString()).isEqualTo("ACTIVE");
            assertThat(deliveriesTo("beta", "eventType", "account.activated")).isZero();
        }
    }

    @Test
    void aBounceArrivesOnceSignedEvenWhenTheReportIsHandledTwice() throws Exception {
        try (var receiver = Receiver.ok()) {
            var endpoint = subscribe(alpha, receiver.url(), "mail.bounced");
            String gone = "gone-" + UUID.randomUUID() + "@bounce.invalid";
            String mailId = send(alpha, alphaAccount, gone);
            await().atMost(WAIT)
                    .until(() ->
                            "SENT".equals(alpha.get("/api/v1/mail/" + mailId).text("status")));

            sync(alpha, alphaAccount, "inbox");

            await().atMost(WAIT).until(() -> events(receiver, "mail.bounced").size() == 1);
            JsonNode event = events(receiver, "mail.bounced").get(0);
            assertThat(event.get("id").asString()).startsWith("msg_");
            assertThat(event.get("data").get("mailId").asString()).isEqualTo(mailId);
            assertThat(event.get("data").get("recipient").asString()).isEqualTo(gone);
            assertThat(event.get("data").get("kind").asString()).isEqualTo("hard");
            assertThat(event.get("data").get("statusCode").asString()).isEqualTo("5.1.1");
            assertThat(event.get("data").get("diagnostic").asString()).contains("RecipNotFound");
            assertThat(receiver.requests().get(0).body()).doesNotContain("Hello there");
            assertThat(Verification.verifies(
                            endpoint.text("secret"), receiver.requests().get(0)))
                    .isTrue();

            // The same report again, as after a redelivery: the same event, not a second delivery.
            publisher.publish(
                    MailTopology.EVENTS_EXCHANGE,
                    MailTopology.BOUNCED_ROUTING_KEY,
                    new MailBounced(
                            UUID.randomUUID(),
                            UUID.fromString(mailId),
                            alphaAccount,
                            gone,
                            "5.1.1",
                            "RecipNotFound",
                            true,
                            Instant.now()),
                    UUID.randomUUID());
            await().during(Duration.ofSeconds(3))
                    .atMost(WAIT)
                    .until(() -> receiver.requests().size() == 1
                            && mongo.getCollection("webhook_deliveries")
                                            .countDocuments(new Document("eventType", "mail.bounced")
                                                    .append("webhookId", endpoint.text("id")))
                                    == 1);
        }
    }

    @Test
    void newMailAfterTheFirstSyncReachesClientsThatMayReadTheAccountOnly() throws Exception {
        try (var alphas = Receiver.ok();
                var betas = Receiver.ok()) {
            var endpoint = subscribe(alpha, alphas.url(), "message.received");
            subscribe(beta, betas.url(), "*");
            String mailbox = alphaAccount + "@graphmail.local";
            simulator.seedMessage(mailbox, "inbox", message("Before the first sync"));
            sync(alpha, alphaAccount, "inbox");

            var seeded = IntStream.range(0, 3)
                    .mapToObj(i -> simulator
                            .seedMessage(mailbox, "inbox", message("Invoice " + i))
                            .get("id")
                            .asString())
                    .toList();
            sync(alpha, alphaAccount, "inbox");

            await().atMost(WAIT).until(() -> events(alphas, "message.received").size() == 3);
            var received = events(alphas, "message.received");
            assertThat(received.stream()
                            .map(event -> event.get("data").get("graphId").asString()))
                    .containsExactlyInAnyOrderElementsOf(seeded);
            assertThat(received.stream()
                            .map(event -> event.get("data").get("subject").asString()))
                    .containsExactlyInAnyOrder("Invoice 0", "Invoice 1", "Invoice 2");
            JsonNode data = received.get(0).get("data");
            assertThat(data.get("accountId").asString()).isEqualTo(alphaAccount);
            assertThat(data.get("folder").asString()).isEqualTo("inbox");
            assertThat(data.get("from").asString()).isEqualTo("ada@example.com");
            assertThat(data.get("internetMessageId").asString()).isNotBlank();
            assertThat(data.get("receivedDateTime").asString()).isNotBlank();
            assertThat(alpha.get("/api/v1/messages/" + data.get("messageId").asString())
                            .status())
                    .isEqualTo(200);
            assertThat(alphas.requests()).allMatch(request -> Verification.verifies(endpoint.text("secret"), request));
            assertThat(alphas.requests()).noneMatch(request -> request.body().contains("Secret body"));

            sync(alpha, alphaAccount, "inbox");
            // The same page told again, as by a round that failed after telling it: no second delivery.
            publisher.publish(
                    MailTopology.EVENTS_EXCHANGE,
                    MailTopology.RECEIVED_ROUTING_KEY,
                    new MailReceived(
                            UUID.randomUUID(),
                            alphaAccount,
                            "inbox",
                            received.stream()
                                    .map(event -> event.get("data"))
                                    .map(repeated -> new MailReceived.ReceivedMessage(
                                            repeated.get("messageId").asString(),
                                            repeated.get("graphId").asString(),
                                            null,
                                            null,
                                            "Told again",
                                            null))
                                    .toList(),
                            Instant.now()),
                    UUID.randomUUID());
            await().during(Duration.ofSeconds(3))
                    .atMost(WAIT)
                    .until(() -> alphas.requests().size() == 3);
            assertThat(betas.requests()).as("beta may not read alpha's account").isEmpty();
            assertThat(deliveriesTo("beta", "eventType", "message.received")).isZero();
        }
    }

    private static Map<String, Object> message(String subject) {
        return Map.of(
                "subject",
                subject,
                "from",
                Map.of("emailAddress", Map.of("address", "Ada@Example.com")),
                "body",
                Map.of("contentType", "text", "content", "Secret body"));
    }

    @Test
    void anEndpointAnswering410IsDisabled() throws Exception {
        try (var gone = Receiver.answering(n -> 410)) {
            var endpoint = subscribe(alpha, gone.url(), "mail.sent");

            send(alpha, alphaAccount);

            var disabled = await().atMost(WAIT)
                    .until(
                            () -> alpha.get("/api/v1/webhooks/" + endpoint.text("id")),
                            r -> "GONE".equals(r.text("disabledReason")));
            assertThat(disabled.json().get("enabled").asBoolean()).isFalse();
            assertThat(gone.requests()).hasSize(1);
        }
    }

    /** The account status worker reports for alpha's account, as the worker publishes it. */
    private void alphasAccountTurned(String status, String reason) {
        publisher.publish(
                MailTopology.EVENTS_EXCHANGE,
                MailTopology.ACCOUNT_STATUS_ROUTING_KEY,
                new AccountStatusChanged(UUID.randomUUID(), alphaAccount, status, null, reason, Instant.now()),
                UUID.randomUUID());
    }

    private long deliveriesTo(String client, String field, String value) {
        return mongo.getCollection("webhook_deliveries")
                .countDocuments(new Document("client", client).append(field, value));
    }

    private long deliveriesPublished() {
        return meters
                .find("graphmail.publish.confirm")
                .tag("routing_key", MailTopology.WEBHOOK_DELIVERIES_QUEUE)
                .timers()
                .stream()
                .mapToLong(timer -> timer.count())
                .sum();
    }

    /** The endpoint's only delivery, once {@code settled} holds for it. */
    private static JsonNode onlyDelivery(Api client, Api.Response endpoint, Predicate<JsonNode> settled) {
        String deliveries = deliveries(endpoint);
        return await().atMost(WAIT)
                .until(
                        () -> client.get(deliveries).json().get("items"),
                        items -> items.size() == 1 && settled.test(items.get(0)))
                .get(0);
    }

    private static String deliveries(Api.Response endpoint) {
        return "/api/v1/webhooks/" + endpoint.text("id") + "/deliveries";
    }

    private Api.Response subscribe(Api client, String url, String... events) {
        String list = List.of(events).stream().map(e -> "\"" + e + "\"").collect(Collectors.joining(","));
        var response = client.post("/api/v1/webhooks", """
                {"url":"%s","events":[%s]}""".formatted(url, list));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response;
    }

    private static String register(Api client, String prefix) {
        String account = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        var response = client.post(
                "/api/v1/accounts", TestAccounts.applicationAccountJson(account, account + "@graphmail.local"));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return account;
    }

    private static String send(Api client, String account) {
        return send(client, account, "ada@example.com");
    }

    private static String send(Api client, String account, String to) {
        var response = client.post("/api/v1/mail", """
                {"accountId":"%s","to":["%s"],"subject":"Hi",
                 "body":{"contentType":"text","content":"Hello there"}}""".formatted(account, to));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return response.text("id");
    }

    private static String batch(Api client, String account, int size) {
        String messages =
                IntStream.range(0, size).mapToObj(i -> """
                        {"to":["r%d@example.com"],"subject":"%d","body":{"contentType":"text","content":"Hello there"}}""".formatted(i, i)).collect(Collectors.joining(","));
        var response = client.post("/api/v1/mail/batches", """
                {"accountId":"%s","messages":[%s]}""".formatted(account, messages));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return response.text("id");
    }

    /** Syncs the folder and waits until that run is over. */
    private static void sync(Api client, String account, String folder) {
        var accepted = client.post("/api/v1/accounts/" + account + "/sync", """
                {"folders":["%s"]}""".formatted(folder));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String runId = accepted.text("runId");
        await().atMost(WAIT)
                .until(
                        () -> client.get("/api/v1/accounts/" + account + "/sync")
                                .json(),
                        status -> status.get("folders")
                                .valueStream()
                                .anyMatch(state -> folder.equals(
                                                state.path("folder").asString())
                                        && runId.equals(state.path("lastRunId").asString())
                                        && "IDLE".equals(state.path("state").asString())));
    }

    private static List<JsonNode> events(Receiver receiver, String type) {
        return receiver.requests().stream()
                .map(request -> JSON.readTree(request.body()))
                .filter(event -> event.get("type").asString().equals(type))
                .toList();
    }

    private static List<String> mailIds(Receiver receiver) {
        return events(receiver, "mail.sent").stream()
                .map(event -> event.get("data").get("mailId").asString())
                .toList();
    }
}
