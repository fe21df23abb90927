package io.graphmail.worker.sync;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** The {@code sync_states} collection; workers are its only writers. */
@Component
class FolderSyncStates {

    /** Enough to recognise a redelivered command; older ones are long done. */
    private static final int REMEMBERED_COMMANDS = 50;

    private static final String COLLECTION = "sync_states";
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final MongoTemplate mongo;

    FolderSyncStates(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    Optional<FolderSyncState> find(String accountId, String folder) {
        return Optional.ofNullable(mongo.findById(FolderSyncState.idOf(accountId, folder), FolderSyncState.class));
    }

    /** A new round: from the delta link, or (full) from nothing. */
    void startRound(
            String accountId,
            String folder,
            SyncingFolder.Folder graphFolder,
            boolean full,
            String runId,
            Instant now) {
        upsert(
                accountId,
                folder,
                new Update()
                        .set("folderId", graphFolder.id())
                        .set("folderName", graphFolder.name())
                        .set("fullRound", full)
                        .set("roundStartedAt", now)
                        .set("lastRunId", runId)
                        .set("lastStartedAt", now)
                        .set("added", 0)
                        .set("updated", 0)
                        .set("removed", 0)
                        .unset("nextLink")
                        .unset("pageSize")
                        .unset("lastError"));
    }

    /** Pages of the round in progress timed out: it goes on, and resumes, with this page size. */
    void pageSizeReduced(String accountId, String folder, int pageSize) {
        upsert(accountId, folder, new Update().set("pageSize", pageSize));
    }

    /**
     * The pages so far are written; the round continues at {@code nextLink}. Once a page, so written with the driver
     * rather than mapped through the entity as the other, rarer updates are.
     */
    void pageWritten(String accountId, String folder, String nextLink, PageCounts counts) {
        mongo.getCollection(COLLECTION)
                .updateOne(
                        Filters.eq("_id", FolderSyncState.idOf(accountId, folder)),
                        Updates.combine(
                                Updates.set("nextLink", nextLink),
                                Updates.inc("added", counts.added()),
                                Updates.inc("updated", counts.updated()),
                                Updates.inc("removed", counts.removed()),
                                Updates.setOnInsert("accountId", accountId),
                                Updates.setOnInsert("folder", folder)),
                        UPSERT);
    }

    /** The round's pages are all written: the next round starts at {@code deltaLink}. */
    void roundCompleted(
            String accountId, String folder, String deltaLink, PageCounts counts, String commandId, Instant now) {
        var update = counted(new Update(), counts)
                .set("deltaLink", deltaLink)
                .set("deltaLinkSavedAt", now)
                .set("lastCompletedAt", now)
                .set("fullRound", false)
                .unset("nextLink")
                .unset("lastError");
        update.push("completedCommands").slice(-REMEMBERED_COMMANDS).each(commandId);
        upsert(accountId, folder, update);
    }

    /** A full round held the deletion of {@code unseen} of the folder's {@code stored} messages until confirmed. */
    void deletionsHeld(String accountId, String folder, long unseen, long stored, Instant now) {
        upsert(
                accountId,
                folder,
                new Update()
                        .set(
                                "heldDeletions",
                                new Document("unseen", unseen)
                                        .append("stored", stored)
                                        .append("heldAt", Date.from(now))));
    }

    /** A full round applied its deletions, or had none to hold. */
    void noDeletionsHeld(String accountId, String folder) {
        upsert(accountId, folder, new Update().unset("heldDeletions"));
    }

    /** Graph no longer knows our delta state: the next round starts from nothing. */
    void forgetLinks(String accountId, String folder) {
        upsert(accountId, folder, new Update().unset("deltaLink").unset("nextLink"));
    }

    void failed(String accountId, String folder, String error) {
        upsert(accountId, folder, new Update().set("lastError", error));
    }

    private static Update counted(Update update, PageCounts counts) {
        return update.inc("added", counts.added())
                .inc("updated", counts.updated())
                .inc("removed", counts.removed());
    }

    private void upsert(String accountId, String folder, Update update) {
        update.setOnInsert("accountId", accountId).setOnInsert("folder", folder);
        mongo.upsert(query(where("_id").is(FolderSyncState.idOf(accountId, folder))), update, FolderSyncState.class);
    }
}
