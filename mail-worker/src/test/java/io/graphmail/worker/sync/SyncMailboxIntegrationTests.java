package io.graphmail.worker.sync;

import static io.graphmail.contract.MailTopology.COMMANDS_EXCHANGE;
import static io.graphmail.contract.MailTopology.SYNC_ROUTING_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.graphmail.contract.sync.SyncMailboxCommand;
import io.graphmail.testsupport.RunningSimulator;
import io.graphmail.testsupport.TestAccounts;
import io.graphmail.worker.MailWorkerApplication;
import io.graphmail.worker.WorkerTests;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Predicate;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.gridfs.GridFsTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Delta sync from the Graph simulator into MongoDB, through the real SDK, RabbitMQ and the wire protocol. */
@SpringBootTest(
        classes = MailWorkerApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "spring.config.name=mail-worker",
            "graphmail.sync.page-size=100",
            "graphmail.sync.lease-time=5s",
            "graphmail.sync.attachments.max-bytes=4KB"
        })
class SyncMailboxIntegrationTests extends WorkerTests {

    @RegisterExtension
    static final RunningSimulator simulator = RunningSimulator.start();

    @Autowired
    MeterRegistry meterRegistry;

    @Autowired
    RabbitListenerEndpointRegistry listeners;

    final String mailbox = "synced-" + UUID.randomUUID() + "@graphmail.local";
    final String accountId = "sync-" + UUID.randomUUID();

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        TestAccounts.registerWorker(registry, simulator);
    }

    @BeforeEach
    void registerAccount() {
        mongo.getCollection("accounts").insertOne(TestAccounts.applicationAccount(accountId, mailbox));
    }

    @Test
    void initialSyncStoresEveryMessageOnceWithItsFields() {
        List<String> ids = simulator.generateMessages(mailbox, "inbox", 1000, Map.of());

        syncAndAwait(command("inbox", SyncMailboxCommand.Mode.INCREMENTAL));

        assertThat(stored(Map.of())).hasSize(1000);
        assertThat(stored(Map.of()).stream().map(m -> m.getString("graphId"))).containsExactlyInAnyOrderElementsOf(ids);
        var atGraph = simulator.folderContents(mailbox, "inbox").get(ids.get(17));
        var message = storedByGraphId(ids.get(17));
        assertThat(message.getString("subject"))
                .isEqualTo(atGraph.get("subject").asString());
        assertThat(message.getBoolean("isRead")).isEqualTo(atGraph.get("isRead").asBoolean());
        assertThat(message.getDate("receivedDateTime").toInstant())
                .isEqualTo(Instant.parse(atGraph.get("receivedDateTime").asString()));
        assertThat(message.getString("folder")).isEqualTo("inbox");
        assertThat(message.getString("folderName")).isEqualTo("Inbox");
        assertThat(message.get("body", Document.class).getString("content")).hasSizeGreaterThan(1000);
        assertThat(message.get("from", Document.class).getString("address")).contains("@");
        assertThat(message.getString("conversationId")).isNotBlank();
        assertThat(message.getString("internetMessageId")).isNotBlank();
        assertThat(message.getDate("deletedAt")).isNull();
        assertThat(simulator.deltaStats(mailbox).pages()).as("pages of 100").isEqualTo(10);
        assertThat(simulator.deltaStats(mailbox).immutableIdRequests()).isEqualTo(10);
        var preferences = simulator.preferHeaders(mailbox);
        assertThat(preferences.withoutImmutableId())
                .as("folder, delta and attachment reads without the preference: %s", preferences.examples())
                .isZero();
        assertThat(preferences.severalPreferHeaders())
                .as("requests with several Prefer headers: %s", preferences.examples())
                .isZero();
        var state = state("inbox");
        assertThat(state.getInteger("added")).isEqualTo(1000);
        assertThat(state.getString("deltaLink")).contains("deltatoken");
    }

    @Test
    void aFullRoundFromADayMarksNothingDeletedThatGraphsFiveThousandCapLeftOut() {
        simulator.generateMessages(mailbox, "inbox", 5050, Map.of("bodyBytes", 64));
        syncAndAwait(command("inbox", SyncMailboxCommand.Mode.INCREMENTAL));
        assertThat(stored(Map.of())).hasSize(5050);

        var full = new SyncMailboxCommand(
                UUID.randomUUID(),
                UUID.randomUUID(),
                accountId,
                List.of("inbox"),
                SyncMailboxCommand.Mode.FULL,
                LocalDate.now(ZoneOffset.UTC).minusDays(30),
                Instant.now());
        syncAndAwait(full);

        assertThat(stored(Map.of("deletedAt", new Document("$ne", null)))).isEmpty();
        assertMatchesSimulator("inbox");
    }

    @Test
    void incrementalSyncChangesExactlyWhatChangedUsingTheStoredDeltaLink() {
        List<String> ids = simulator.generateMessages(mailbox, "inbox", 60, Map.of());
        syncAndAwait(command("inbox", SyncMailboxCommand.Mode.INCREMENTAL));

        simulator.generateMessages(mailbox, "inbox", 10, Map.of());
        for (int i = 0; i < 5; i++) {
            simulator.updateMessage(mailbox, ids.get(i), Map.of("isRead", true, "subject", "Changed " + i));
        }
        List<String> deleted = ids.subList(50, 53);
        deleted.forEach(id -> simulator.deleteMessage(mailbox, id));
        syncAndAwait(command("inbox", SyncMailboxCommand.Mode.INCREMENTAL));

        var state = state("inbox");
        assertThat(List.of(state.getInteger("added"), state.getInteger("updated"), state.getInteger("removed")))
                .containsExactly(10, 5, 3);
        assertThat(stored(Map.of())).hasSize(70);
        assertThat(stored(Map.of("deletedAt", new Document("$ne", null))))
                .extracting(m -> m.getString("graphId"))
                .containsExactlyInAnyOrderElementsOf(deleted);
        assertThat(storedByGraphId(ids.get(3)).getString("subject")).isEqualTo("Changed 3");
        assertThat(storedByGraphId(ids.get(3)).getBoolean("isRead")).isTrue();
        assertThat(simulator.deltaStats(mailbox).tokenRounds())
                .as("second round from the delta link")
                .isEqualTo(1);
        assertMatchesSimulator("inbox");
    }

    @Test
    void aStoredDeltaLinkOutsideTheGraphBaseUrlIsDroppedAndTheFolderSyncedInFull() {
        simulator.generateMessages(mailbox, "inbox", 20, Map.of());
        syncAndAwait(command("inbox", SyncMailboxCommand.Mode.INCREMENTAL));
        String foreign = state("inbox").getString("deltaLink").replaceFirst("^https?://[^/]+", "https://graph.invalid");
        mongo.getCollection("sync_states")
                .updateOne(
                        new Document("_id", accountId + ":inbox"),
                        new Document("$set", new Document("deltaLink", foreign)));
        simulator.generateMessages(mailbox, "inbox", 5, Map.of());

        syncAndAwait(command("inbox", SyncMailboxCommand.Mode.INCREMENTAL));

        assertThat(simulator.deltaStats(mailbox).initialRounds()).isEqualTo(2);
        assertThat(state("inbox").getString("deltaLink")).doesNotContain("graph.invalid");
        assertThat(stored(Map.of())).hasSize(25);
        assertMatchesSimulator("inbox");
    }

    @Test
    void aDuplicateCommandIsANoOpAndConcurrentCommandsLeaveOneDocumentPerMessage() {
        simulator.generateMessages(mailbox, "inbox", 300, Map.of());
        var first = command("inbox", SyncMailboxCommand.Mode.INCREMENTAL);
        double handledBefore = handledRounds("inbox");
        publish(first);
        publish(first);
        publish(command("inbox", SyncMailboxCommand.Mode.INCREMENTAL));
        publish(command("inbox", SyncMailboxCommand.Mode.FULL));
        // Each delivery ends as a round (completed or failed), covered by a round running then, or a duplicate.
        await().atMost(Duration.ofSeconds(60)).until(() -> handledRounds("inbox") - handledBefore == 4);
        syncAndAwait(command("inbox", SyncMailboxCommand.Mode.INCREMENTAL));

        assertThat(completedCommands("inbox"))
                .as("the duplicate did not run again")
                .filteredOn(first.commandId().toString()::equals)
                .hasSizeLessThanOrEqualTo(1);
        assertThat(stored(Map.of())).hasSize(300);
        assertMatchesSimulator("inbox");
    }

    @Test
    void anExpiredDeltaTokenLeadsToAFullResyncWithoutDuplicates() {
        List<String> ids = simulator.generateMessages(mailbox, "inbox", 120, Map.of());
        syncAndAwait(command("inbox", SyncMailboxCommand.Mode.INCREMENTAL));
        simulator.expireDeltaTokens(mailbox);
        simulator.deleteMessage(mailbox, ids.get(0));
        simulator.generateMessages(mailbox, "inbox", 5, Map.of());

        syncAndAwait(command("inbox", SyncMailboxCommand.Mode.INCREMENTAL));

        assertThat(simulator.deltaStats(mailbox).expiredTokens()).isGreaterThanOrEqualTo(1);
        assertThat(simulator.deltaStats(mailbox).initialRounds()).isEqualTo(2);
        assertThat(stored(Map.of())).hasSize(125);
        assertThat(storedByGraphId(ids.get(0)).getDate("deletedAt"))
                .as("deleted while the delta state was lost")
                .isNotNull();
        assertMatchesSimulator("inbox");
    }

    @Test
    void aSyncInterruptedByAWorkerThatDiesIsCompletedByTheNextOne() throws Exception {
        simulator.generateMessages(mailbox, "inbox", 500, Map.of());
        simulator.latency("/v1.0/users/*/mailFolders/*/messages/**", 1500);
        var container = listeners.getListenerContainer("mailbox-sync");
        container.stop();
        var doomed = MailWorkerApplication.builder()
                .run(TestAccounts.standaloneWorkerArguments(
                        simulator,
                        "--graphmail.sync.page-size=50",
                        "--graphmail.sync.lease-time=5s",
                        "--graphmail.messaging.shutdown-timeout=1s",
                        "--graphmail.worker.concurrency=1"));
        try {
            publish(command("inbox", SyncMailboxCommand.Mode.INCREMENTAL));
            await().atMost(Duration.ofSeconds(30)).until(() -> stored(Map.of()).size() >= 100);
        } finally {
            doomed.close();
        }
        assertThat(stored(Map.of()).size()).as("stopped mid-round").isLessThan(500);
        simulator.clearFaults();
        container.start();

        // The dead worker's lease ends within its lease time; a command arriving before that is covered by it.
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(3))
                .until(() -> {
                    publish(command("inbox", SyncMailboxCommand.Mode.INCREMENTAL));
                    var state = state("inbox");
                    return state != null && state.get("lastCompletedAt") != null;
                });
        assertThat(stored(Map.of())).hasSize(500);
    }

    @Test
    void aPageThatTimesOutIsAskedForAgainWithSmallerPagesAndTheSyncCompletes() {
        List<String> ids = simulator.generateMessages(mailbox, "inbox", 200, Map.of("bodyBytes", 4000));
        simulator.deltaMaxPageBytes(100_000L);
        try {
            syncAndAwait(command("inbox", SyncMailboxCommand.Mode.INCREMENTAL));
        } finally {
            simulator.deltaMaxPageBytes(null);
        }

        // At least: a round that outlives this test's 5 s lease before its first page (a cold start) runs again.
        assertThat(simulator.deltaStats(mailbox).timedOutPages())
                .as("pages of 100, 50 and 25 timed out")
                .isGreaterThanOrEqualTo(3);
        assertThat(state("inbox").getInteger("pageSize")).isEqualTo(12);
        assertThat(stored(Map.of()).stream().map(m -> m.getString("graphId"))).containsExactlyInAnyOrderElementsOf(ids);
        assertMatchesSimulator("inbox");
    }

    @Test
    void aDeltaPageWhoseConnectionDropsIsAskedForAgainAndTheSyncCompletes() {
        List<String> ids = simulator.generateMessages(mailbox, "inbox", 30, Map.of());
        // The SDK asks for "delta()"; a pooled connection the server had closed fails like this, with no answer.
        String delta = "/v1.0/users/" + mailbox + "/mailFolders/*/messages/delta*";
        simulator.fault(Map.of("pathPattern", delta, "method", "GET", "dropConnection", true, "count", 1));
        var command = command("inbox", SyncMailboxCommand.Mode.INCREMENTAL);
        try {
            publish(command);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                var state = state("inbox");
                return state != null
                        && (state.getString("lastError") != null
                                || completedCommands("inbox")
                                        .contains(command.commandId().toString()));
            });
        } finally {
            simulator.clearFaults();
        }

        assertThat(state("inbox").getString("lastError")).isNull();
        assertThat(completedCommands("inbox")).contains(command.commandId().toString());
        assertThat(simulator.requestCounts(delta).values().stream()
                        .mapToInt(Integer::intValue)
                        .sum())
                .as("the dropped page and its repeat")
                .isEqualTo(2);
        assertThat(stored(Map.of()).stream().map(m -> m.getString("graphId"))).containsExactlyInAnyOrderElementsOf(ids);
        assertMatchesSimulator("inbox");
    }

    @Test
    void aRoundResumedAfterItsPagesTimedOutKeepsTheSmallerPageSize() {
        simulator.generateMessages(mailbox, "inbox", 100, Map.of("bodyBytes", 4000));
        // Too large for any page: the round stops at the page that holds it, halfway through the folder.
        simulator.seedMessage(
                mailbox,
                "inbox",
                Map.of(
                        "subject",
                        "Huge",
                        "receivedDateTime",
                        Instant.now().minus(Duration.ofMinutes(40)).toString(),
                        "body",
                        Map.of("contentType", "text", "content", "x".repeat(300_000))));
        simulator.deltaMaxPageBytes(100_000L);
        try {
            publish(command("inbox", SyncMailboxCommand.Mode.INCREMENTAL));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                var state = state("inbox");
                return state != null && state.getString("lastError") != null;
            });
            assertThat(state("inbox").getString("lastError")).contains("504");
            assertThat(state("inbox").getInteger("pageSize")).isEqualTo(10);
            assertThat(state("inbox").getString("nextLink")).contains("skiptoken");
            long timedOut = simulator.deltaStats(mailbox).timedOutPages();

            // Pages of 10 fit now; one of 100 from where the round stopped would not.
            simulator.deltaMaxPageBytes(400_000L);
            syncAndAwait(command("inbox", SyncMailboxCommand.Mode.INCREMENTAL));

            assertThat(simulator.deltaStats(mailbox).timedOutPages())
                    .as("the resumed round asked for pages of 10")
                    .isEqualTo(timedOut);
        } finally {
            simulator.deltaMaxPageBytes(null);
        }
        assertThat(stored(Map.of())).hasSize(101);
        assertMatchesSimulator("inbox");
    }

    @Test
    void aMessageMovedToASyncedFolderThatSyncsFirstIsNeverMarkedDeleted() {
        List<String> ids = simulator.generateMessages(mailbox, "inbox", 5, Map.of());
        syncAndAwait(command("inbox", SyncMailboxCommand.Mode.INCREMENTAL));
        syncAndAwait(command("sentitems", SyncMailboxCommand.Mode.INCREMENTAL));
        String moved = ids.get(2);

        simulator.moveMessage(mailbox, moved, "sentitems");
        syncAndAwait(command("sentitems", SyncMailboxCommand.Mode.INCREMENTAL));
        assertThat(storedByGraphId(moved).getString("folder")).isEqualTo("sentitems");
        syncAndAwait(command("inbox", SyncMailboxCommand.Mode.INCREMENTAL));

        assertThat(simulator.deltaStats(mailbox).tokenRounds()).isEqualTo(2);
        assertThat(state("inbox").getInteger("removed"))
                .as("inbox reported it removed; the copy is sentitems'")
                .isZero();
        var message = storedByGraphId(moved);
        assertThat(message.getDate("deletedAt")).isNull();
        assertThat(message.getString("folder")).isEqualTo("sentitems");
        assertThat(message.getString("parentFolderId"))
                .as("Graph's opaque folder id, looked up by the well-known name")
                .isEqualTo(state("sentitems").getString("folderId"))
                .isNotEqualToIgnoringCase("sentitems");
        assertThat(stored(Map.of("deletedAt", new Document("$ne", null)))).isEmpty();
        assertThat(stored(Map.of())).hasSize(5);
    }

    @Test
    void aMessageMovedToASyncedFolderThatSyncsLastEndsUpThereNotDeleted() {
        List<String> ids = simulator.generateMessages(mailbox, "inbox", 5, Map.of());
        syncAndAwait(command("inbox", SyncMailboxCommand.Mode.INCREMENTAL));
        syncAndAwait(command("sentitems", SyncMailboxCommand.Mode.INCREMENTAL));
        String moved = ids.get(2);

        simulator.moveMessage(mailbox, moved, "sentitems");
        var both = new SyncMailboxCommand(
                UUID.randomUUID(),
                UUID.randomUUID(),
                accountId,
                List.of("inbox", "sentitems"),
                SyncMailboxCommand.Mode.INCREMENTAL,
                null,
                Instant.now());
        publish(both);
        await().atMost(Duration.ofSeconds(60))
                .until(() ->
                        completedCommands("sentitems").contains(both.commandId().toString()));

        assertThat(state("inbox").getInteger("removed")).isEqualTo(1);
        assertThat(state("sentitems").getInteger("updated")).isEqualTo(1);

        var message = storedByGraphId(moved);
        assertThat(message.getDate("deletedAt")).isNull();
        assertThat(message.getString("folder")).isEqualTo("sentitems");
        assertThat(stored(Map.of("deletedAt", new Document("$ne", null)))).isEmpty();
        assertThat(stored(Map.of())).hasSize(5);
        assertMatchesSimulator("sentitems", "inbox");
    }

    @Test
    void storesSmallAttachmentsInGridFsAndDescribesLargeOnes() throws Exception {
        byte[] small = "small attachment content".getBytes();
        byte[] large = new byte[10_000];
        new Random(7).nextBytes(large);
        simulator.seedMessage(
                mailbox,
                "inbox",
                Map.of(
                        "subject",
                        "With attachments",
                        "hasAttachments",
                        true,
                        "attachments",
                        List.of(
                                Map.of(
                                        "name",
                                        "small.txt",
                                        "contentType",
                                        "text/plain",
                                        "contentBytes",
                                        Base64.getEncoder().encodeToString(small)),
                                Map.of(
                                        "name",
                                        "large.bin",
                                        "contentType",
                                        "application/octet-stream",
                                        "contentBytes",
                                        Base64.getEncoder().encodeToString(large)))));

        syncAndAwait(command("inbox", SyncMailboxCommand.Mode.INCREMENTAL));

        var message = stored(Map.of()).get(0);
        var attachments = message.getList("attachments", Document.class);
        assertThat(attachments).extracting(a -> a.getString("name")).containsExactly("small.txt", "large.bin");
        assertThat(attachments.get(1).getString("contentId"))
                .as("over max-bytes")
                .isNull();
        assertThat(attachments.get(1).getInteger("size")).isEqualTo(10_000);
        var gridFs = new GridFsTemplate(mongo.getMongoDatabaseFactory(), mongo.getConverter(), "attachments");
        var file = gridFs.findOne(
                query(where("_id").is(new ObjectId(attachments.get(0).getString("contentId")))));
        assertThat(file.getMetadata().getString("messageId")).isEqualTo(message.getString("_id"));
        assertThat(gridFs.getResource(file).getContentAsByteArray()).isEqualTo(small);
    }

    private SyncMailboxCommand command(String folder, SyncMailboxCommand.Mode mode) {
        return new SyncMailboxCommand(
                UUID.randomUUID(), UUID.randomUUID(), accountId, List.of(folder), mode, null, Instant.now());
    }

    private void publish(SyncMailboxCommand command) {
        rabbit.convertAndSend(COMMANDS_EXCHANGE, SYNC_ROUTING_KEY, command);
    }

    private double handledRounds(String folder) {
        return meterRegistry.find("graphmail.sync.folder.runs").tag("folder", folder).counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    private void syncAndAwait(SyncMailboxCommand command) {
        publish(command);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> completedCommands(command.folders().get(0))
                        .contains(command.commandId().toString()));
    }

    private List<String> completedCommands(String folder) {
        var state = state(folder);
        return state == null || state.getList("completedCommands", String.class) == null
                ? List.of()
                : state.getList("completedCommands", String.class);
    }

    private Document state(String folder) {
        return mongo.getCollection("sync_states")
                .find(new Document("_id", accountId + ":" + folder))
                .first();
    }

    private List<Document> stored(Map<String, Object> filter) {
        var query = new Document("accountId", accountId);
        query.putAll(filter);
        return mongo.getCollection("messages").find(query).into(new ArrayList<>());
    }

    private Document storedByGraphId(String graphId) {
        return mongo.getCollection("messages")
                .find(new Document("accountId", accountId).append("graphId", graphId))
                .first();
    }

    /** What is stored and not deleted is exactly what the folders hold at the simulator, field for field. */
    private void assertMatchesSimulator(String... folders) {
        var atGraph = new HashMap<String, JsonNode>();
        for (String folder : folders) {
            atGraph.putAll(simulator.folderContents(mailbox, folder));
        }
        Predicate<Document> notDeleted = document -> document.get("deletedAt") == null;
        var live = stored(Map.of()).stream().filter(notDeleted).toList();
        assertThat(live).extracting(d -> d.getString("graphId")).containsExactlyInAnyOrderElementsOf(atGraph.keySet());
        live.forEach(document -> {
            var graph = atGraph.get(document.getString("graphId"));
            assertThat(document.getString("subject"))
                    .isEqualTo(graph.get("subject").asString());
            assertThat(document.getBoolean("isRead"))
                    .isEqualTo(graph.get("isRead").asBoolean());
        });
    }
}
