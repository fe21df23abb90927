package io.graphmail.gateway.batches;

import static org.springframework.data.mongodb.core.aggregation.Aggregation.group;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.match;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.newAggregation;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.graphmail.gateway.mail.BatchSubmissions;
import io.graphmail.gateway.mail.MailRecord;
import io.graphmail.gateway.mail.MailRecords;
import io.graphmail.gateway.mail.MailStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** The {@code batches} collection (gateway only), and queries over a batch's messages. */
@Component
public class Batches implements BatchSubmissions {

    private static final List<String> UNFINISHED =
            MailStatus.UNFINISHED.stream().map(Enum::name).toList();
    private static final Bson ID_ONLY = Projections.include("_id");

    private final MongoTemplate mongo;

    Batches(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    void insert(Batch batch) {
        mongo.insert(batch);
    }

    Optional<Batch> find(String id) {
        return Optional.ofNullable(mongo.findById(id, Batch.class));
    }

    /**
     * The batch is submitted: its messages may be sent (SCHEDULED until {@code sendAt}, then ACTIVE). False if it was
     * withdrawn meanwhile; true too if another submission of it (the retry of a request whose gateway seemed stopped)
     * activated it first.
     */
    boolean activate(String id, Batch.State running) {
        var submitting = query(where("_id").is(id).and("state").is(Batch.State.SUBMITTING));
        return mongo.updateFirst(submitting, new Update().set("state", running), Batch.class)
                                .getModifiedCount()
                        > 0
                || find(id).filter(batch -> !batch.withdrawn()).isPresent();
    }

    /**
     * Withdraws a batch whose submission failed or was abandoned: its records go, and the batch stays, CANCELLED, so
     * that workers drop any of its messages the broker already has. Only a batch still being submitted: one that
     * was activated meanwhile (by a retry that resumed it) was accepted.
     */
    void withdraw(String id, Instant now) {
        mongo.updateFirst(
                query(where("_id").is(id).and("state").is(Batch.State.SUBMITTING)),
                new Update().set("state", Batch.State.CANCELLED).set("withdrawnAt", now),
                Batch.class);
        if (find(id).filter(Batch::withdrawn).isPresent()) {
            mongo.remove(query(where("batchId").is(id)), MailRecord.class);
        }
    }

    /** Ids of the batches being submitted now, whose records the sweeper leaves alone. */
    @Override
    public List<String> submitting() {
        var submitting = query(where("state").is(Batch.State.SUBMITTING));
        submitting.fields().include("_id");
        return mongo.find(submitting, Document.class, "batches").stream()
                .map(batch -> batch.getString("_id"))
                .toList();
    }

    /** Ids of paused batches: their messages wait on purpose. */
    public List<String> pausedIds() {
        var paused = query(where("state").is(Batch.State.PAUSED));
        return ids(paused);
    }

    /** Batches still being submitted that were created before {@code before}: their gateway stopped. */
    List<String> submittingSince(Instant before, int limit) {
        var abandoned = query(where("state")
                        .is(Batch.State.SUBMITTING)
                        .and("createdAt")
                        .lt(before))
                .limit(limit);
        return mongo.find(abandoned, Batch.class).stream().map(Batch::id).toList();
    }

    /** Moves the batch to {@code to} if it is in one of the states {@code to} may follow; false if it is not. */
    boolean changeState(String id, Batch.State to) {
        var movable = query(where("_id").is(id).and("state").in(to.from()));
        return mongo.updateFirst(movable, new Update().set("state", to), Batch.class)
                        .getMatchedCount()
                > 0;
    }

    /**
     * The batch's last message reached a final status: a running or paused batch becomes COMPLETED, a cancelled one
     * records when it ended. True only for the one call that made it COMPLETED, whichever gateway made it.
     */
    boolean complete(String id, Instant now) {
        var running = query(where("_id")
                .is(id)
                .and("state")
                .in(Batch.State.COMPLETED.from())
                .and("completedAt")
                .exists(false));
        var completed = new Update().set("state", Batch.State.COMPLETED).set("completedAt", now);
        if (mongo.updateFirst(running, completed, Batch.class).getModifiedCount() > 0) {
            return true;
        }
        var cancelled = query(where("_id")
                .is(id)
                .and("state")
                .is(Batch.State.CANCELLED)
                .and("withdrawnAt")
                .exists(false)
                .and("completedAt")
                .exists(false));
        mongo.updateFirst(cancelled, new Update().set("completedAt", now), Batch.class);
        return false;
    }

    /** Scheduled batches whose {@code sendAt} has come are ACTIVE. */
    void activateDue(Instant now) {
        mongo.updateMulti(
                query(where("state").is(Batch.State.SCHEDULED).and("sendAt").lte(now)),
                new Update().set("state", Batch.State.ACTIVE),
                Batch.class);
    }

    /** The account of each of {@code ids} that is ACTIVE, by batch id. */
    Map<String, String> activeAccounts(List<String> ids) {
        var active = query(where("_id").in(ids).and("state").is(Batch.State.ACTIVE));
        active.fields().include("_id").include("accountId");
        var accounts = new LinkedHashMap<String, String>();
        mongo.find(active, Document.class, "batches")
                .forEach(batch -> accounts.put(batch.getString("_id"), batch.getString("accountId")));
        return accounts;
    }

    /** Ids of batches that a COMPLETED could follow, oldest first. */
    List<String> unfinishedIds(int limit) {
        var running = query(where("state").in(Batch.State.COMPLETED.from()))
                .with(Sort.by("createdAt"))
                .limit(limit);
        return ids(running);
    }

    /** Only the ids: a projection cannot be read as a {@link Batch}. */
    private List<String> ids(Query batches) {
        batches.fields().include("_id");
        return mongo.find(batches, Document.class, "batches").stream()
                .map(batch -> batch.getString("_id"))
                .toList();
    }

    /**
     * Whether any message of the batch may still change. Asked each time one of its messages reaches a final status,
     * so it goes through the driver: the first such record's id, no query mapping.
     */
    boolean hasUnfinished(String id) {
        var unfinished = Filters.and(Filters.eq("batchId", id), Filters.in("status", UNFINISHED));
        return mongo.execute(
                        "mail",
                        collection -> collection
                                .find(unfinished)
                                .projection(ID_ONLY)
                                .limit(1)
                                .first())
                != null;
    }

    /**
     * A paused batch's messages not yet final say why they wait, as a worker that meets one records it too; resuming
     * takes the reason away again (the next report of a worker gives the current one).
     */
    void showPaused(String id, boolean paused) {
        var waiting = where("batchId").is(id).and("status").in(MailStatus.UNFINISHED);
        if (paused) {
            mongo.updateMulti(
                    query(waiting), new Update().set("lastError", MailRecords.BATCH_PAUSED), MailRecord.class);
        } else {
            mongo.updateMulti(
                    query(waiting.and("lastError").is(MailRecords.BATCH_PAUSED)),
                    new Update().unset("lastError"),
                    MailRecord.class);
        }
    }

    /** Holds (or releases) the batch's messages that are not yet on the broker. */
    void holdUnpublished(String id, boolean held) {
        mongo.updateMulti(
                query(where("batchId").is(id).and("pendingPublish").is(true)),
                new Update().set("held", held),
                MailRecord.class);
    }

    /**
     * Cancels every message of the batch not final yet, in one update, and returns how many. Those on the broker are
     * dropped by the worker that meets them; one a worker is sending just now ends SENT if Graph accepts it.
     */
    long cancelUnfinished(String id) {
        return mongo.updateMulti(
                        query(where("batchId").is(id).and("status").in(MailStatus.UNFINISHED)),
                        new Update()
                                .set("status", MailStatus.CANCELLED)
                                .set("pendingPublish", false)
                                .unset("outbox")
                                .unset("awaitsWindow"),
                        MailRecord.class)
                .getModifiedCount();
    }

    Map<String, Long> countsByStatus(String id) {
        var counts = new LinkedHashMap<String, Long>();
        mongo.aggregate(
                        newAggregation(
                                match(where("batchId").is(id)),
                                group("status").count().as("count")),
                        "mail",
                        Document.class)
                .forEach(row -> counts.put(row.getString("_id"), ((Number) row.get("count")).longValue()));
        return counts;
    }

    long sentSince(String id, Instant since) {
        return mongo.count(
                query(where("batchId")
                        .is(id)
                        .and("status")
                        .is(MailStatus.SENT)
                        .and("sentAt")
                        .gte(since)),
                MailRecord.class);
    }

    /** The batch's messages ordered by id after {@code afterId}, optionally of one status. */
    List<MailRecord> messages(String id, MailStatus status, String afterId, int limit) {
        Query page = query(where("batchId").is(id));
        if (status != null) {
            page.addCriteria(where("status").is(status));
        }
        if (afterId != null) {
            page.addCriteria(where("_id").gt(afterId));
        }
        return mongo.find(page.with(Sort.by("_id")).limit(limit), MailRecord.class);
    }
}
