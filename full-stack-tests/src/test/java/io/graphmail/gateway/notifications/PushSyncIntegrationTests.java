package io.graphmail.gateway.notifications;

import static io.graphmail.contract.MailTopology.EVENTS_EXCHANGE;
import static io.graphmail.contract.MailTopology.FOLDER_NOTIFIED_ROUTING_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import io.graphmail.contract.push.FolderChangeNotified;
import io.graphmail.gateway.Api;
import io.graphmail.gateway.GatewayOverHttp;
import io.graphmail.platform.messaging.ConfirmedPublisher;
import io.graphmail.testsupport.RunningSimulator;
import io.graphmail.testsupport.TestAccounts;
import io.graphmail.testsupport.TestBackends;
import io.graphmail.worker.MailWorkerApplication;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Push sync end to end: the gateway (this context) as the public notification endpoint, a mail worker with push on,
 * and the Graph simulator posting real notifications. No scheduled rounds: whatever is stored got there by push.
 */
@GatewayOverHttp
@TestPropertySource(properties = {"graphmail.security.api-keys=push-key", "graphmail.sync.schedule-enabled=false"})
class PushSyncIntegrationTests {

    /** Short-lived subscriptions, so that renewal happens within a test. */
    private static final Duration LIFETIME = Duration.ofSeconds(8);

    static RunningSimulator simulator;
    static ConfigurableApplicationContext worker;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    ConfirmedPublisher publisher;

    Api api;
    final String accountId = "push-" + UUID.randomUUID();
    final String mailbox = accountId + "@graphmail.local";

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        TestBackends.register(registry);
        TestAccounts.registerSecretAliases(registry);
    }

    @BeforeAll
    static void startSimulator() {
        simulator = RunningSimulator.start();
    }

    @BeforeEach
    void startWorkerOnce() {
        api = new Api(port, "push-key");
        if (worker == null) {
            worker = startPushWorker(port);
        }
    }

    static ConfigurableApplicationContext startPushWorker(int gatewayPort) {
        return startPushWorker(gatewayPort, LIFETIME, Duration.ofSeconds(5));
    }

    static ConfigurableApplicationContext startPushWorker(int gatewayPort, Duration lifetime, Duration renewBefore) {
        return startPushWorker(gatewayPort, lifetime, renewBefore, Duration.ofMillis(300));
    }

    static ConfigurableApplicationContext startPushWorker(
            int gatewayPort, Duration lifetime, Duration renewBefore, Duration lookUpEvery) {
        return MailWorkerApplication.builder()
                .run(TestAccounts.standaloneWorkerArguments(
                        simulator,
                        "--graphmail.push.public-base-url=http://127.0.0.1:" + gatewayPort,
                        "--graphmail.push.allow-http=true",
                        "--graphmail.push.lifetime=" + lifetime.toMillis() + "ms",
                        "--graphmail.push.renew-before=" + renewBefore.toMillis() + "ms",
                        "--graphmail.push.check-every=300ms",
                        "--graphmail.push.look-up-every=" + lookUpEvery.toMillis() + "ms",
                        "--graphmail.push.retry-after-failure=1s",
                        "--graphmail.push.clock-tolerance=0s"));
    }

    /** The shared worker makes way for workers configured by the test; the next test starts it again. */
    private static void stopSharedWorker() {
        if (worker != null) {
            worker.close();
            worker = null;
        }
    }

    @AfterAll
    static void stop() {
        if (worker != null) {
            worker.close();
            worker = null;
        }
        simulator.close();
    }

    @Test
    void newMailIsReadableWithoutAnyScheduledRound() {
        registerAndAwaitSubscriptions();

        simulator.generateMessages(mailbox, "inbox", 3, Map.of());

        await().atMost(Duration.ofSeconds(30)).until(() -> storedMessages() == 3);
        var listed = api.get("/api/v1/accounts/" + accountId + "/messages?folder=inbox&limit=50")
                .json()
                .get("items");
        assertThat(listed.size()).isEqualTo(3);
    }

    @Test
    void forgedNotificationsChangeNothingAndNeverFailTheEndpoint() {
        JsonNode subscription = registerAndAwaitSubscriptions().get(0);
        String subscriptionId = subscription.get("subscription").get("id").asString();
        var before = simulator.deltaStats(mailbox);
        double rejectedBefore = rejected();
        var unauthenticated = new Api(port, null);

        var responses = List.of(
                unauthenticated.post("/notifications/graph", notification(subscriptionId, "not-the-client-state")),
                unauthenticated.post(
                        "/notifications/graph", notification(UUID.randomUUID().toString(), "x")),
                unauthenticated.post("/notifications/graph", "{\"value\": [{\"subscriptionId\": 42}"),
                unauthenticated.postBody("/notifications/graph", HttpRequest.BodyPublishers.ofString("not json")));

        assertThat(responses)
                .allSatisfy(response -> assertThat(response.status()).isEqualTo(202));
        await().atMost(Duration.ofSeconds(10)).until(() -> rejected() >= rejectedBefore + 4);
        assertThat(simulator.deltaStats(mailbox)).isEqualTo(before);
        assertThat(storedMessages()).isZero();
    }

    @Test
    void answersTheValidationHandshakeWithTheTokenAsPlainText() {
        var response = new Api(port, null)
                .postBody(
                        "/notifications/graph?validationToken=Validation%3A+Testing+client+application+reachability",
                        HttpRequest.BodyPublishers.noBody(), "Content-Type", "text/plain");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("text/plain");
        assertThat(response.body()).isEqualTo("Validation: Testing client application reachability");
    }

    @Test
    void aThousandNotificationsForOneFolderCostAtMostTwoRoundsAndStoreEachMessageOnce() {
        registerAndAwaitSubscriptions();
        var before = simulator.deltaStats(mailbox);

        simulator.generateMessages(mailbox, "inbox", 1000, Map.of("bodyBytes", 200));

        await().atMost(Duration.ofSeconds(60)).until(() -> storedMessages() == 1000);
        var after = simulator.deltaStats(mailbox);
        long rounds = after.initialRounds() + after.tokenRounds() - before.initialRounds() - before.tokenRounds();
        assertThat(rounds).isBetween(1L, 2L);
        assertThat(storedMessages()).isEqualTo(1000);
    }

    @Test
    void aThousandQueuedNotificationsForOneFolderCostAtMostTwoRounds() {
        simulator.generateMessages(mailbox, "inbox", 300, Map.of("bodyBytes", 200));
        registerAndAwaitSubscriptions();
        String subscriptionId = mongo.findById(accountId + "/inbox", Document.class, "push_subscriptions")
                .getString("subscriptionId");
        var before = simulator.deltaStats(mailbox);
        var listener =
                worker.getBean(RabbitListenerEndpointRegistry.class).getListenerContainer("folder-notifications");
        listener.stop();
        try {
            for (int i = 0; i < 1000; i++) {
                var event = new FolderChangeNotified(
                        UUID.randomUUID(), accountId, "inbox", subscriptionId, null, Instant.now());
                publisher.publish(EVENTS_EXCHANGE, FOLDER_NOTIFIED_ROUTING_KEY, event, event.eventId());
            }
        } finally {
            listener.start();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> storedMessages() == 300);
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        !Boolean.TRUE.equals(mongo.findById(accountId + "/inbox", Document.class, "push_subscriptions")
                                .getBoolean("pending")));
        var after = simulator.deltaStats(mailbox);
        long rounds = after.initialRounds() + after.tokenRounds() - before.initialRounds() - before.tokenRounds();
        assertThat(rounds).isBetween(1L, 2L);
    }

    @Test
    void renewsASubscriptionBeforeItLapses() {
        JsonNode first = registerAndAwaitSubscriptions().get(0).get("subscription");
        String id = first.get("id").asString();
        Instant firstExpiry = Instant.parse(first.get("expirationDateTime").asString());

        await().atMost(Duration.ofSeconds(20))
                .until(() -> subscriptionsOfMailbox().stream()
                        .map(state -> state.get("subscription"))
                        .anyMatch(live -> live.get("id").asString().equals(id)
                                && Instant.parse(live.get("expirationDateTime").asString())
                                        .isAfter(firstExpiry)));
        simulator.generateMessages(mailbox, "inbox", 1, Map.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> storedMessages() == 1);
    }

    @Test
    void aRemovedSubscriptionIsRecreatedAndADeltaRoundFillsTheGap() {
        // Mail that came while nothing was subscribed: only a delta round finds it.
        simulator.generateMessages(mailbox, "inbox", 2, Map.of());
        JsonNode inbox = registerAndAwaitSubscriptions().stream()
                .filter(state -> storedFolderOf(state).equals("inbox"))
                .findFirst()
                .orElseThrow();
        String removedId = inbox.get("subscription").get("id").asString();

        assertThat(simulator.fireLifecycleEvent(removedId, "subscriptionRemoved"))
                .isTrue();

        await().atMost(Duration.ofSeconds(30)).until(() -> storedMessages() == 2);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> subscriptionsOfMailbox().size() == 2
                        && subscriptionsOfMailbox().stream()
                                .noneMatch(state -> state.get("subscription")
                                        .get("id")
                                        .asString()
                                        .equals(removedId)));
    }

    @Test
    void subscriptionsGraphLostUnannouncedAreReplacedAtTheNextCheckAndNotificationsFlowAgain() {
        stopSharedWorker();
        // A lifetime of an hour: no renewal within the test finds the loss by its 404.
        try (var longLived = startPushWorker(port, Duration.ofHours(1), Duration.ofSeconds(1))) {
            var lostIds = registerAndAwaitSubscriptions().stream()
                    .map(state -> state.get("subscription").get("id").asString())
                    .toList();

            assertThat(simulator.loseSubscriptions(mailbox)).isEqualTo(2);

            // The worker checks every 300 ms.
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> subscriptionsOfMailbox().size() == 2
                            && recordedSubscriptionIds().size() == 2
                            && recordedSubscriptionIds().stream().noneMatch(lostIds::contains)
                            && recordedSubscriptionIds()
                                    .equals(subscriptionsOfMailbox().stream()
                                            .map(state -> state.get("subscription")
                                                    .get("id")
                                                    .asString())
                                            .sorted()
                                            .toList()));
            simulator.generateMessages(mailbox, "inbox", 2, Map.of());
            await().atMost(Duration.ofSeconds(30)).until(() -> storedMessages() == 2);
        }
    }

    @Test
    void aSubscriptionGraphAnsweredForIsNotLookedUpAgainBeforeTheLookUpIntervalEnds() {
        stopSharedWorker();
        try (var longLived = startPushWorker(port, Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofHours(1))) {
            var lostIds = registerAndAwaitSubscriptions().stream()
                    .map(state -> state.get("subscription").get("id").asString())
                    .sorted()
                    .toList();

            assertThat(simulator.loseSubscriptions(mailbox)).isEqualTo(2);

            // A dozen checks, 300 ms apart: Graph answered for both at their creation, so none asks again yet.
            await().during(Duration.ofSeconds(4))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> recordedSubscriptionIds().equals(lostIds));
            lostIds.forEach(id -> assertThat(simulator.requestCounts("/v1.0/subscriptions/" + id))
                    .doesNotContainKey("GET /v1.0/subscriptions/" + id));
        }
    }

    @Test
    void twoWorkersKeepOneSubscriptionPerFolder() {
        try (var second = startPushWorker(port)) {
            registerAndAwaitSubscriptions();

            // Both workers check every 300 ms and renew every few seconds meanwhile.
            await().during(Duration.ofSeconds(4))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> subscriptionsOfMailbox().size() == 2);
            simulator.generateMessages(mailbox, "inbox", 2, Map.of());
            await().atMost(Duration.ofSeconds(30)).until(() -> storedMessages() == 2);
        }
    }

    @Test
    void aWorkerKilledDuringRenewalLeavesExactlyOneLiveSubscriptionPerFolder() {
        stopSharedWorker();
        // Subscriptions live long (a stray would outlast the test) and are renewed every two seconds.
        Duration lifetime = Duration.ofMinutes(10);
        Duration renewBefore = lifetime.minusSeconds(2);
        var first = startPushWorker(port, lifetime, renewBefore);
        var second = startPushWorker(port, lifetime, renewBefore);
        try {
            String inbox = storedSubscriptionId(registerAndAwaitSubscriptions(), "inbox");
            // Earlier tests' accounts are taken over by these workers too: their creates come first, out of the way.
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> mongo.findAll(Document.class, "push_subscriptions").stream()
                            .allMatch(document -> "ACTIVE".equals(document.getString("state"))
                                    && document.getDate("expiresAt")
                                            .toInstant()
                                            .isAfter(Instant.now().plus(Duration.ofMinutes(5)))));
            Map<ConfigurableApplicationContext, Double> renewFailures =
                    Map.of(first, renewFailures(first), second, renewFailures(second));
            // Graph loses the subscription being renewed, and the worker's new one is created but answered late.
            simulator.fault(Map.of(
                    "pathPattern", "/v1.0/subscriptions/" + inbox, "method", "PATCH", "status", 404, "count", 1));
            simulator.fault(Map.of(
                    "pathPattern",
                    "/v1.0/subscriptions",
                    "method",
                    "POST",
                    "afterSuccess",
                    true,
                    "latencyMs",
                    20_000,
                    "count",
                    1));

            var stray = await().atMost(Duration.ofSeconds(30))
                    .until(this::subscriptionsOfMailbox, live -> live.size() == 3);
            var dying = await().atMost(Duration.ofSeconds(10))
                    .until(
                            () -> renewFailures.keySet().stream()
                                    .filter(context -> renewFailures(context) > renewFailures.get(context))
                                    .findFirst(),
                            Optional::isPresent)
                    .orElseThrow();
            // Dies holding the folder's lease, before it could record the subscription Graph created: its
            // renewal thread outlives a context close, so the database goes first and nothing more gets written.
            dying.getBean(MongoClient.class).close();
            dying.close();
            simulator.clearFaults();

            await().atMost(Duration.ofSeconds(120)).until(() -> {
                var live = subscriptionsOfMailbox().stream()
                        .map(state -> state.get("subscription").get("id").asString())
                        .sorted()
                        .toList();
                return live.size() == 2 && live.equals(recordedSubscriptionIds());
            });
            assertThat(stray).hasSize(3);
            simulator.generateMessages(mailbox, "inbox", 1, Map.of());
            await().atMost(Duration.ofSeconds(30)).until(() -> storedMessages() == 1);
        } finally {
            simulator.clearFaults();
            first.close();
            second.close();
        }
    }

    @Test
    void reauthorizationRequiredRenewsTheSubscriptionAtOnce() {
        stopSharedWorker();
        // A lifetime of an hour and renewal a second before expiry: no periodic renewal within the test.
        try (var longLived = startPushWorker(port, Duration.ofHours(1), Duration.ofSeconds(1))) {
            var before = registerAndAwaitSubscriptions();
            JsonNode inbox = before.stream()
                    .filter(state -> storedFolderOf(state).equals("inbox"))
                    .findFirst()
                    .orElseThrow()
                    .get("subscription");
            JsonNode drafts = before.stream()
                    .filter(state -> !storedFolderOf(state).equals("inbox"))
                    .findFirst()
                    .orElseThrow()
                    .get("subscription");
            String id = inbox.get("id").asString();
            Instant firstExpiry = Instant.parse(inbox.get("expirationDateTime").asString());

            assertThat(simulator.fireLifecycleEvent(id, "reauthorizationRequired"))
                    .isTrue();

            await().atMost(Duration.ofSeconds(30)).until(() -> expiryOf(id).isAfter(firstExpiry));
            assertThat(subscriptionsOfMailbox()).hasSize(2);
            // The other folder's subscription, not notified, kept its expiry: nothing else renews.
            String otherId = drafts.get("id").asString();
            assertThat(expiryOf(otherId))
                    .isEqualTo(Instant.parse(drafts.get("expirationDateTime").asString()));
        }
    }

    @Test
    void aMissedNotificationRunsADeltaRound() {
        simulator.generateMessages(mailbox, "inbox", 2, Map.of());
        registerAndAwaitSubscriptions();
        String inboxSubscription = mongo.findById(accountId + "/inbox", Document.class, "push_subscriptions")
                .getString("subscriptionId");

        assertThat(simulator.fireLifecycleEvent(inboxSubscription, "missed")).isTrue();

        await().atMost(Duration.ofSeconds(30)).until(() -> storedMessages() == 2);
    }

    @Test
    void refusesAnOversizedNotificationUnread() {
        String padding = "x".repeat(1024 * 1024);

        var response = new Api(port, null).post("/notifications/graph", "{\"value\": [], \"p\": \"" + padding + "\"}");

        assertThat(response.status()).isEqualTo(413);
    }

    @Test
    void aFailedValidationHandshakeLeavesTheAccountOnPolling() {
        simulator.subscriptionLimits(null, Duration.ofNanos(1));
        try {
            register();
            await().atMost(Duration.ofSeconds(30))
                    .until(() ->
                            pushStates().size() == 2 && pushStates().stream().allMatch("FAILED"::equals));
            assertThat(subscriptionsOfMailbox()).isEmpty();
            simulator.generateMessages(mailbox, "inbox", 2, Map.of());
            assertThat(api.post("/api/v1/accounts/" + accountId + "/sync", "").status())
                    .isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).until(() -> storedMessages() == 2);
        } finally {
            simulator.subscriptionLimits(null, Duration.ofSeconds(10));
        }
    }

    @Test
    void removingTheAccountDeletesItsSubscriptions() {
        registerAndAwaitSubscriptions();

        assertThat(api.delete("/api/v1/accounts/" + accountId).status()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> subscriptionsOfMailbox().isEmpty());
        await().atMost(Duration.ofSeconds(30)).until(() -> pushStates().isEmpty());
    }

    private void register() {
        assertThat(api.post("/api/v1/accounts", TestAccounts.applicationAccountJson(accountId, mailbox))
                        .status())
                .isEqualTo(201);
    }

    private List<JsonNode> registerAndAwaitSubscriptions() {
        register();
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        this::subscriptionsOfMailbox,
                        live -> live.size() == 2 && pushStates().size() == 2);
    }

    private List<JsonNode> subscriptionsOfMailbox() {
        return simulator.subscriptions().stream()
                .filter(state -> mailbox.equals(state.get("mailbox").asString()))
                .toList();
    }

    private String storedSubscriptionId(List<JsonNode> live, String folder) {
        return live.stream()
                .filter(state -> storedFolderOf(state).equals(folder))
                .map(state -> state.get("subscription").get("id").asString())
                .findFirst()
                .orElseThrow();
    }

    private Instant expiryOf(String subscriptionId) {
        return subscriptionsOfMailbox().stream()
                .map(state -> state.get("subscription"))
                .filter(live -> live.get("id").asString().equals(subscriptionId))
                .map(live -> Instant.parse(live.get("expirationDateTime").asString()))
                .findFirst()
                .orElse(Instant.EPOCH);
    }

    private List<String> recordedSubscriptionIds() {
        return mongo
                .find(Query.query(Criteria.where("accountId").is(accountId)), Document.class, "push_subscriptions")
                .stream()
                .map(document -> document.getString("subscriptionId"))
                .filter(Objects::nonNull)
                .sorted()
                .toList();
    }

    private static double renewFailures(ConfigurableApplicationContext context) {
        var counter = context.getBean(MeterRegistry.class)
                .find("graphmail.push.subscription.changes")
                .tags("action", "renew", "result", "failure")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private String storedFolderOf(JsonNode state) {
        String id = state.get("subscription").get("id").asString();
        var document = mongo.findOne(
                Query.query(Criteria.where("subscriptionId").is(id)), Document.class, "push_subscriptions");
        return document == null ? "" : document.getString("folder");
    }

    private List<String> pushStates() {
        return mongo
                .find(Query.query(Criteria.where("accountId").is(accountId)), Document.class, "push_subscriptions")
                .stream()
                .map(document -> document.getString("state"))
                .toList();
    }

    private long storedMessages() {
        return mongo.count(Query.query(Criteria.where("accountId").is(accountId)), "messages");
    }

    private double rejected() {
        return new Api(managementPort, null)
                .get("/actuator/prometheus")
                .body()
                .lines()
                .filter(line -> line.startsWith("graphmail_notifications_rejected_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static String notification(String subscriptionId, String clientState) {
        return """
                {"value": [{"subscriptionId": "%s", "clientState": "%s", "changeType": "created",
                  "resource": "Users/x/Messages/y", "resourceData": {"id": "y"}}]}""".formatted(subscriptionId, clientState);
    }
}
