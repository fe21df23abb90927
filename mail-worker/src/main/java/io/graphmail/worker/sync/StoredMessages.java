package io.graphmail.worker.sync;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import io.graphmail.platform.mongodb.CollectionIndexes;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The {@code messages} collection: synced mail, one document per account and Graph message
 * (unique). Workers are its only writers; each page is one unordered bulk upsert by id.
 */
@Component
class StoredMessages implements CollectionIndexes {

    static final String COLLECTION = "messages";

    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    private final MongoTemplate mongo;

    StoredMessages(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void create() {
        var indexes = mongo.indexOps(COLLECTION);
        indexes.createIndex(new Index()
                .on("accountId", Sort.Direction.ASC)
                .on("graphId", Sort.Direction.ASC)
                .unique());
        indexes.createIndex(new Index()
                .on("accountId", Sort.Direction.ASC)
                .on("receivedDateTime", Sort.Direction.DESC)
                .on("_id", Sort.Direction.DESC));
        indexes.createIndex(new Index().on("accountId", Sort.Direction.ASC).on("conversationId", Sort.Direction.ASC));
        indexes.createIndex(new Index()
                .on("accountId", Sort.Direction.ASC)
                .on("folder", Sort.Direction.ASC)
                .on("receivedDateTime", Sort.Direction.DESC));
    }

    /** The messages among these ids (ours) stored already, deleted or not: our id → their attachment documents. */
    Map<String, List<Document>> storedAttachments(Collection<String> ids) {
        var found = mongo.getCollection(COLLECTION)
                .find(new Document("_id", new Document("$in", List.copyOf(ids))))
                .projection(new Document("attachments", 1));
        var byId = new HashMap<String, List<Document>>();
        found.forEach(document -> byId.put(document.getString("_id"), document.getList("attachments", Document.class)));
        return byId;
    }

    /**
     * Writes one page of changed messages as whole documents ({@link MessageDocuments#documentOf}), one unordered bulk
     * write of upserts by id. Graph sends every stored field of a changed message, so replacing the document is both
     * correct and the cheapest write.
     */
    PageCounts upsertPage(List<Document> documents) {
        if (documents.isEmpty()) {
            return PageCounts.NONE;
        }
        var writes = new ArrayList<ReplaceOneModel<Document>>(documents.size());
        documents.forEach(document ->
                writes.add(new ReplaceOneModel<>(Filters.eq("_id", document.get("_id")), document, UPSERT)));
        var result = mongo.getCollection(COLLECTION).bulkWrite(writes, UNORDERED);
        int added = result.getUpserts().size();
        return new PageCounts(added, documents.size() - added, 0);
    }

    /**
     * Marks messages that a folder's round reported removed, if we hold them as that folder's: one
     * moved to another synced folder, whose round already filed it there, is not deleted (Graph
     * reports a move as a removal, with the message's immutable id, in the folder it left). Returns
     * how many were not marked already.
     */
    int markRemoved(String folder, Collection<String> ids, Instant now) {
        if (ids.isEmpty()) {
            return 0;
        }
        var removed = query(
                where("_id").in(ids).and("folder").is(folder).and("deletedAt").is(null));
        return (int) mongo.updateMulti(removed, new Update().set("deletedAt", Date.from(now)), COLLECTION)
                .getModifiedCount();
    }

    /**
     * After a full round: what the folder held but the round did not see was deleted while we were
     * not looking (for instance while Graph had dropped our delta state).
     */
    int markUnseenRemoved(String accountId, String folder, Instant roundStartedAt, LocalDate from, Instant now) {
        return (int) mongo.updateMulti(
                        query(unseen(accountId, folder, roundStartedAt, from)),
                        new Update().set("deletedAt", Date.from(now)),
                        COLLECTION)
                .getModifiedCount();
    }

    private static Criteria unseen(String accountId, String folder, Instant roundStartedAt, LocalDate from) {
        var unseen = where("accountId")
                .is(accountId)
                .and("folder")
                .is(folder)
                .and("deletedAt")
                .is(null)
                .and("syncedAt")
                .lt(Date.from(roundStartedAt));
        return from == null ? unseen : unseen.and("receivedDateTime").gte(startOf(from));
    }

    private static Date startOf(LocalDate day) {
        return Date.from(day.atStartOfDay().toInstant(ZoneOffset.UTC));
    }

    /** How many messages {@link #markUnseenRemoved} would mark. */
    long countUnseen(String accountId, String folder, Instant roundStartedAt, LocalDate from) {
        return mongo.count(query(unseen(accountId, folder, roundStartedAt, from)), COLLECTION);
    }

    /** How many messages the folder holds, not marked deleted (received from {@code from} on, if given). */
    long countLive(String accountId, String folder, LocalDate from) {
        var live = where("accountId")
                .is(accountId)
                .and("folder")
                .is(folder)
                .and("deletedAt")
                .is(null);
        if (from != null) {
            live = live.and("receivedDateTime").gte(startOf(from));
        }
        return mongo.count(query(live), COLLECTION);
    }

    /** How many messages of the folder a round started at {@code roundStartedAt} has seen so far. */
    long countSeen(String accountId, String folder, Instant roundStartedAt) {
        var seen = where("accountId")
                .is(accountId)
                .and("folder")
                .is(folder)
                .and("syncedAt")
                .gte(Date.from(roundStartedAt));
        return mongo.count(query(seen), COLLECTION);
    }
}
