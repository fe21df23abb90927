package io.graphmail.worker.sync;

import static io.graphmail.worker.sync.InMemoryMailbox.messages;
import static io.graphmail.worker.sync.InMemoryMailbox.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.graphmail.testsupport.MutableClock;
import io.graphmail.worker.accounts.AccountLeases;
import io.graphmail.worker.accounts.AccountSettings;
import io.graphmail.worker.graph.GraphCallFailed;
import io.graphmail.worker.graph.GraphRefusals;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;
import org.springframework.util.unit.DataSize;

/**
 * What a folder's round does on each of Graph's answers: against an in-memory mailbox, a lease held in memory and an
 * in-process MongoDB holding the folder's state and messages.
 */
class SyncingFolderTests {

    static final String INBOX = "inbox";
    static final String INBOX_ID = "AAMkAD-inbox";
    static final AccountSettings ACCOUNT = new AccountSettings(
            "acct", AccountSettings.Type.APPLICATION, "a@example.com", "tenant", "client", "alias", null, "ACTIVE");
    static final SyncProperties PROPERTIES = new SyncProperties(
            List.of(INBOX),
            100,
            10,
            null,
            Duration.ofMinutes(2),
            new SyncProperties.Attachments(DataSize.ofMegabytes(3)));

    /** Graph's cap for a filtered round, as it applies here: reached with a few messages. */
    static final int FILTERED_ROUND_CAP = 3;

    static MongoServer server;
    static MongoClient client;

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final String database = "syncing-folder-" + System.nanoTime();
    final MongoTemplate mongo = new MongoTemplate(client, database);
    final FolderSyncStates states = new FolderSyncStates(mongo);
    final StoredMessages stored = new StoredMessages(mongo);
    final InMemoryMailbox mailbox = new InMemoryMailbox();
    final LeaseInMemory lease = new LeaseInMemory();
    final MutableClock clock = new MutableClock();
    /** Graph ids of the messages told as new mail, in order. */
    final List<String> announced = new ArrayList<>();

    final SyncingFolder syncing = new SyncingFolder(
            mailbox,
            new ShrinkingPages(states, PROPERTIES),
            stored,
            new StoredAttachments(
                    new SimpleMongoClientDatabaseFactory(client, database), mongo.getConverter(), mailbox, PROPERTIES),
            new RemovingUnseenMessages(stored, states, new MassDeletionProperties(100, 0.5), meters, clock),
            states,
            PROPERTIES,
            clock,
            Runnable::run,
            FILTERED_ROUND_CAP,
            (account, folder, changed) -> {},
            (account, folder, arrived, now) -> arrived.values().forEach(message -> announced.add(message.id())));
    /** Holds the deletion of 5 or more messages that are over half the folder. */
    final SyncingFolder guarded = syncingFolder(new MassDeletionProperties(5, 0.5));

    @BeforeAll
    static void startMongo() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        client = MongoClients.create(
                "mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
    }

    @AfterAll
    static void stopMongo() {
        client.close();
        server.shutdownNow();
    }

    SyncingFolderTests() {
        mailbox.folder(INBOX, INBOX_ID, "Inbox");
    }

    @Test
    void eachWrittenPageStoresWhereTheRoundGoesOnAndTheLastOneTheNextRoundsLink() {
        mailbox.answer("first " + INBOX_ID, page(messages("m1", "m2"), List.of(), "next-2", null))
                .refuse("next-2", 503, "ServiceUnavailable");

        assertThatThrownBy(() -> sync(round("c1"))).isInstanceOf(GraphCallFailed.class);

        assertThat(state().nextLink()).as("resumes at the page that failed").isEqualTo("next-2");
        assertThat(state().deltaLink()).isNull();
        assertThat(live()).containsExactlyInAnyOrder("m1", "m2");

        mailbox.answer("next-2", page(messages("m3"), List.of(), null, "delta-1"));
        var counts = sync(round("c2"));

        assertThat(mailbox.asked)
                .as("the first page is not asked for again")
                .containsExactly("first " + INBOX_ID + " size=100", "next-2 size=100", "next-2 size=100");
        assertThat(counts).isEqualTo(new PageCounts(1, 0, 0));
        assertThat(state().nextLink()).isNull();
        assertThat(state().deltaLink()).isEqualTo("delta-1");
        assertThat(state().hasCompleted("c2")).isTrue();
        assertThat(live()).containsExactlyInAnyOrder("m1", "m2", "m3");
    }

    @Test
    void newMailIsToldOnlyAfterTheFoldersFirstRoundAndOnlyForMessagesNotStoredYet() {
        mailbox.answer("first " + INBOX_ID, page(messages("m1"), List.of(), "next-2", null))
                .answer("next-2", page(messages("m2"), List.of(), null, "delta-1"))
                .answer("delta-1", page(messages("m2", "m3"), List.of(), null, "delta-2"))
                .answer("delta-2", page(messages("m3", "m4"), List.of(), null, "delta-3"));

        sync(round("c1"));
        assertThat(announced)
                .as("the first round catches up: nothing is new mail")
                .isEmpty();

        sync(round("c2"));
        assertThat(announced).as("m2 is an update").containsExactly("m3");

        sync(round("c3"));
        assertThat(announced).as("m3 again is an update").containsExactly("m3", "m4");
        assertThat(live()).containsExactlyInAnyOrder("m1", "m2", "m3", "m4");
    }

    @Test
    void aLaterFullRoundTellsOnlyMailReceivedSinceTheLastCompletedRoundBegan() {
        mailbox.answer("first " + INBOX_ID, page(messages("m1"), List.of(), null, "delta-1"));
        sync(round("c1"));
        var old = messages("old", "fresh");
        old.get(0)
                .fields()
                .put(
                        "receivedDateTime",
                        Date.from(OffsetDateTime.parse("1970-01-01T00:00:30Z").toInstant()));
        var all = new ArrayList<>(messages("m1"));
        all.addAll(old);
        mailbox.answer("first " + INBOX_ID, page(all, List.of(), null, "delta-2"));

        sync(fullFrom("c2", null));

        assertThat(announced).containsExactly("fresh");
        assertThat(live()).containsExactlyInAnyOrder("m1", "old", "fresh");
    }

    @Test
    void theStoredFolderIdIsUsedAndGraphAskedForItOnlyWhenNoneIsStored() {
        mailbox.answer("first " + INBOX_ID, page(messages("m1"), List.of(), null, "delta-1"));
        mailbox.answer("delta-1", page(messages("m2"), List.of(), null, "delta-2"));
        sync(round("c1"));

        sync(round("c2"));
        sync(new SyncingFolder.Round("c3", "run", true, null));

        assertThat(mailbox.folderLookups).isEqualTo(1);
        assertThat(state().folderId()).isEqualTo(INBOX_ID);
        assertThat(state().folderName()).isEqualTo("Inbox");
    }

    @Test
    void aStoredFolderIdGraphNoLongerKnowsIsLookedUpAgainAndTheFolderSyncedInFull() {
        mailbox.answer("first " + INBOX_ID, page(messages("m1"), List.of(), null, "delta-1"));
        sync(round("c1"));
        mailbox.forget("first " + INBOX_ID);
        mailbox.forget("delta-1");
        mailbox.folder(INBOX, "AAMkAD-moved", "Inbox");
        mailbox.answer("first AAMkAD-moved", page(messages("m2"), List.of(), null, "delta-2"));

        sync(round("c2"));

        assertThat(mailbox.folderLookups).isEqualTo(2);
        assertThat(state().folderId()).isEqualTo("AAMkAD-moved");
        assertThat(state().deltaLink()).isEqualTo("delta-2");
        assertThat(live()).as("a full round: what it did not see is gone").containsExactly("m2");
    }

    @Test
    void aFolderIdJustLookedUpThatGraphDoesNotKnowFailsTheRoundAsGraphAnswered() {
        assertThatThrownBy(() -> sync(round("c1")))
                .isInstanceOfSatisfying(
                        GraphCallFailed.class,
                        failure -> assertThat(failure.status()).isEqualTo(404));
        assertThat(mailbox.folderLookups).isEqualTo(1);
    }

    @Test
    void deltaStateGraphNoLongerHoldsRestartsTheFolderInFull() {
        mailbox.answer("first " + INBOX_ID, page(messages("m1", "m2"), List.of(), null, "delta-1"));
        sync(round("c1"));
        mailbox.refuse("delta-1", 410, "SyncStateNotFound");
        mailbox.answer("first " + INBOX_ID, page(messages("m2"), List.of(), null, "delta-2"));

        var counts = sync(round("c2"));

        assertThat(counts).isEqualTo(new PageCounts(0, 1, 1));
        assertThat(state().deltaLink()).isEqualTo("delta-2");
        assertThat(state().hasCompleted("c2")).isTrue();
        assertThat(live()).containsExactly("m2");
    }

    @Test
    void resyncRequiredRestartsTheFolderInFullWhateverTheStatus() {
        mailbox.answer("first " + INBOX_ID, page(messages("m1"), List.of(), null, "delta-1"));
        sync(round("c1"));
        mailbox.refuse("delta-1", 400, "resyncRequired");
        mailbox.answer("first " + INBOX_ID, page(messages("m1"), List.of(), null, "delta-2"));

        sync(round("c2"));

        assertThat(state().deltaLink()).isEqualTo("delta-2");
    }

    @Test
    void otherRefusalsFailTheRoundAndKeepTheDeltaLink() {
        mailbox.answer("first " + INBOX_ID, page(messages("m1"), List.of(), null, "delta-1"));
        sync(round("c1"));
        mailbox.refuse("delta-1", 403, "ErrorAccessDenied");

        assertThatThrownBy(() -> sync(round("c2"))).isInstanceOf(GraphCallFailed.class);

        assertThat(state().deltaLink()).isEqualTo("delta-1");
        assertThat(state().hasCompleted("c2")).isFalse();
    }

    @Test
    void aLostLeaseStopsTheRoundBeforeItStoresWhereToGoOn() {
        mailbox.answer("first " + INBOX_ID, page(messages("m1"), List.of(), "next-2", null));
        mailbox.answer("next-2", page(messages("m2"), List.of(), null, "delta-1"));
        lease.loseAfter(0);

        assertThatThrownBy(() -> sync(round("c1"))).isInstanceOf(AccountLeases.LeaseLost.class);

        assertThat(state().nextLink())
                .as("the worker holding the lease now goes on")
                .isNull();
        assertThat(state().deltaLink()).isNull();
        assertThat(state().hasCompleted("c1")).isFalse();
    }

    @Test
    void aTimedOutPageIsAskedForAgainWithHalfAsManyMessagesAndTheRoundKeepsThatSize() {
        mailbox.answer("first " + INBOX_ID, size -> {
            if (size > 50) {
                throw GraphRefusals.refused(504, "GatewayTimeout", null);
            }
            return page(messages("m1"), List.of(), "next-2", null);
        });
        mailbox.refuse("next-2", 503, "ServiceUnavailable");

        assertThatThrownBy(() -> sync(round("c1"))).isInstanceOf(GraphCallFailed.class);
        mailbox.answer("next-2", page(messages("m2"), List.of(), null, "delta-1"));
        sync(round("c2"));

        assertThat(mailbox.asked)
                .containsExactly(
                        "first " + INBOX_ID + " size=100",
                        "first " + INBOX_ID + " size=50",
                        "next-2 size=50",
                        "next-2 size=50");
        assertThat(state().pageSize()).isEqualTo(50);
        assertThat(lease.extended)
                .as("each timeout and each written page extend the lease")
                .isEqualTo(3);
    }

    @Test
    void aFullRoundMarksWhatItDidNotSeeRemoved() {
        mailbox.answer("first " + INBOX_ID, page(messages("m1", "m2"), List.of(), null, "delta-1"));
        sync(round("c1"));
        mailbox.answer("first " + INBOX_ID, page(messages("m2"), List.of(), null, "delta-2"));

        var counts = sync(fullFrom("c2", LocalDate.of(2026, 1, 1)));

        assertThat(counts.removed()).isEqualTo(1);
        assertThat(live()).containsExactly("m2");
    }

    @Test
    void aFilteredRoundAsLongAsGraphsCapKeepsWhatItDidNotSee() {
        mailbox.answer("first " + INBOX_ID, page(messages("old"), List.of(), null, "delta-1"));
        sync(round("c1"));
        mailbox.answer("first " + INBOX_ID, page(messages("m1", "m2", "m3"), List.of(), null, "delta-2"));

        var counts = sync(fullFrom("c2", LocalDate.of(2026, 1, 1)));

        assertThat(counts.removed()).isZero();
        assertThat(live()).containsExactlyInAnyOrder("old", "m1", "m2", "m3");
        assertThat(state().deltaLink()).isEqualTo("delta-2");
    }

    @Test
    void anUnfilteredRoundOfAnySizeMarksWhatItDidNotSeeRemoved() {
        mailbox.answer("first " + INBOX_ID, page(messages("old"), List.of(), null, "delta-1"));
        sync(round("c1"));
        mailbox.answer("first " + INBOX_ID, page(messages("m1", "m2", "m3"), List.of(), null, "delta-2"));

        var counts = sync(fullFrom("c2", null));

        assertThat(counts.removed()).isEqualTo(1);
        assertThat(live()).containsExactlyInAnyOrder("m1", "m2", "m3");
    }

    @Test
    void removalsApplyOnlyToTheFoldersOwnCopy() {
        mailbox.answer("first " + INBOX_ID, page(messages("stays", "goes"), List.of(), null, "delta-1"));
        sync(round("c1"));
        // "stays" was moved: another folder's round has filed it there already.
        mongo.getCollection(StoredMessages.COLLECTION)
                .updateOne(new Document("graphId", "stays"), new Document("$set", new Document("folder", "archive")));
        mailbox.answer("delta-1", page(List.of(), List.of("stays", "goes"), null, "delta-2"));

        var counts = sync(round("c2"));

        assertThat(counts).isEqualTo(new PageCounts(0, 0, 1));
        assertThat(live()).containsExactly("stays");
    }

    @Test
    void aFullRoundThatNoLongerSeesMostOfAFolderHoldsTheDeletionsUntilASyncConfirmsThem() {
        mailbox.answer("first " + INBOX_ID, page(messages(ids(10)), List.of(), null, "delta-1"));
        guardedSync(round("c1"));
        mailbox.answer("first " + INBOX_ID, page(List.of(), List.of(), null, "delta-2"));

        var counts = guardedSync(fullFrom("c2", null));

        assertThat(counts.removed()).isZero();
        assertThat(live()).hasSize(10);
        assertThat(heldDeletions()).isEqualTo(new Document("unseen", 10L).append("stored", 10L));
        assertThat(meters.counter("graphmail.sync.deletions.held").count()).isEqualTo(10);
        assertThat(state().deltaLink()).as("the round itself completes").isEqualTo("delta-2");

        assertThat(guardedSync(fullFrom("c3", null)).removed()).as("held again").isZero();
        var confirmed = guardedSync(new SyncingFolder.Round("c4", "run-c4", true, null, true));

        assertThat(confirmed.removed()).isEqualTo(10);
        assertThat(live()).isEmpty();
        assertThat(heldDeletions()).isNull();
    }

    @Test
    void aFullRoundMarksDeletionsUnderTheThresholdAtOnce() {
        mailbox.answer("first " + INBOX_ID, page(messages(ids(20)), List.of(), null, "delta-1"));
        guardedSync(round("c1"));
        mailbox.answer("first " + INBOX_ID, page(messages(ids(12)), List.of(), null, "delta-2"));

        var counts = guardedSync(fullFrom("c2", null));

        assertThat(counts.removed()).as("8 of 20 is not over half").isEqualTo(8);
        assertThat(live()).hasSize(12);
        mailbox.answer("first " + INBOX_ID, page(messages(ids(8)), List.of(), null, "delta-3"));
        assertThat(guardedSync(fullFrom("c3", null)).removed())
                .as("4 are fewer than the 5 it takes to hold")
                .isEqualTo(4);
        assertThat(heldDeletions()).isNull();
    }

    private PageCounts guardedSync(SyncingFolder.Round round) {
        clock.set(clock.instant().plus(Duration.ofMinutes(1)));
        return guarded.sync(ACCOUNT, INBOX, states.find(ACCOUNT.id(), INBOX), round, lease);
    }

    private static String[] ids(int count) {
        return IntStream.range(0, count).mapToObj(i -> "m" + i).toArray(String[]::new);
    }

    private Document heldDeletions() {
        var state = mongo.getCollection("sync_states")
                .find(new Document("_id", FolderSyncState.idOf(ACCOUNT.id(), INBOX)))
                .first();
        var held = state == null ? null : state.get("heldDeletions", Document.class);
        return held == null ? null : new Document("unseen", held.get("unseen")).append("stored", held.get("stored"));
    }

    private SyncingFolder syncingFolder(MassDeletionProperties massDeletion) {
        return new SyncingFolder(
                mailbox,
                new ShrinkingPages(states, PROPERTIES),
                stored,
                new StoredAttachments(
                        new SimpleMongoClientDatabaseFactory(client, database),
                        mongo.getConverter(),
                        mailbox,
                        PROPERTIES),
                new RemovingUnseenMessages(stored, states, massDeletion, meters, clock),
                states,
                PROPERTIES,
                clock,
                Runnable::run,
                FILTERED_ROUND_CAP,
                (account, folder, changed) -> {},
                (account, folder, arrived, now) -> {});
    }

    /** Each round a minute after the one before, at one instant from start to end. */
    private PageCounts sync(SyncingFolder.Round round) {
        clock.set(clock.instant().plus(Duration.ofMinutes(1)));
        return syncing.sync(ACCOUNT, INBOX, states.find(ACCOUNT.id(), INBOX), round, lease);
    }

    private static SyncingFolder.Round round(String commandId) {
        return new SyncingFolder.Round(commandId, "run-" + commandId, false, null);
    }

    private static SyncingFolder.Round fullFrom(String commandId, LocalDate from) {
        return new SyncingFolder.Round(commandId, "run-" + commandId, true, from);
    }

    private FolderSyncState state() {
        return states.find(ACCOUNT.id(), INBOX).orElseThrow();
    }

    /** Graph ids of the stored messages not marked deleted. */
    private List<String> live() {
        var ids = new ArrayList<String>();
        mongo.getCollection(StoredMessages.COLLECTION)
                .find(new Document("deletedAt", null))
                .forEach(document -> ids.add(document.getString("graphId")));
        return ids;
    }

    /** A lease held in memory, which can be made to be lost after some extensions. */
    static final class LeaseInMemory implements AccountLeases.Lease {

        int extended;
        private int lostAfter = Integer.MAX_VALUE;

        void loseAfter(int extensions) {
            lostAfter = extensions;
        }

        @Override
        public void extend() {
            if (extended >= lostAfter) {
                throw new AccountLeases.LeaseLost("sync-test");
            }
            extended++;
        }

        @Override
        public void close() {}
    }
}
