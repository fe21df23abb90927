package io.graphmail.worker.send.deliveries;

import static org.springframework.data.mongodb.core.FindAndModifyOptions.options;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import io.graphmail.platform.mongodb.GroupedWrites;
import io.graphmail.worker.graph.GraphDrafts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** The {@code deliveries} collection in MongoDB; the worker is its only writer. */
@Component
class MongoDeliveries implements Deliveries {

    /** The most claims, or SENT marks, one write takes: a few dozen cost MongoDB about what one does. */
    static final int PER_WRITE = 64;

    private static final int DUPLICATE_KEY = 11000;

    private final MongoTemplate mongo;
    private final GroupedWrites<Document, Boolean> claims = new GroupedWrites<>(PER_WRITE, this::insertAll);
    private final GroupedWrites<UpdateOneModel<Document>, Boolean> sentMarks =
            new GroupedWrites<>(PER_WRITE, this::updateAll);

    MongoDeliveries(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Atomically takes the command for one attempt: it must be new or waiting for a retry. Empty
     * if it is being sent, was sent or has failed for good. A new command, the usual case, is taken by inserting its
     * delivery (the unique {@code _id} lets one worker in), which costs MongoDB less than an upserting
     * find-and-modify; only one met before costs a second round trip. The consumers' claims made while one is being
     * written go in the next write together ({@link GroupedWrites}), an unordered insert of them all, in which each
     * claim's duplicate key fails only itself.
     *
     * <p>Every command comes here and to {@link #markSent}, so both go through the driver, writing what Spring Data's
     * mapping would (states by name, instants as dates) without mapping the query, the update and the answer each
     * time.
     */
    @Override
    public Optional<Delivery> claim(String key, String accountId, Instant now) {
        var firstAttempt = new Document("_id", key)
                .append("state", Delivery.State.SENDING.name())
                .append("claimedAt", Date.from(now))
                .append("accountId", accountId)
                .append("attempts", 1);
        return claims.write(firstAttempt) ? Optional.of(delivery(firstAttempt)) : claimAgain(key, now);
    }

    /** Inserts the first attempts together; answers, for each, whether it was inserted or its command met before. */
    private List<Boolean> insertAll(List<Document> firstAttempts) {
        return mongo.execute(Delivery.class, collection -> {
            var inserted = new ArrayList<>(Collections.nCopies(firstAttempts.size(), Boolean.TRUE));
            try {
                collection.insertMany(firstAttempts, new InsertManyOptions().ordered(false));
            } catch (MongoBulkWriteException e) {
                for (BulkWriteError error : e.getWriteErrors()) {
                    if (error.getCode() != DUPLICATE_KEY) {
                        throw e;
                    }
                    inserted.set(error.getIndex(), Boolean.FALSE);
                }
                if (e.getWriteConcernError() != null) {
                    throw e;
                }
            }
            return inserted;
        });
    }

    /** A command met before: claimable only while it waits for a retry. */
    private Optional<Delivery> claimAgain(String key, Instant now) {
        var claimable = Filters.and(Filters.eq("_id", key), Filters.eq("state", Delivery.State.RETRYING.name()));
        var update = Updates.combine(
                Updates.set("state", Delivery.State.SENDING.name()),
                Updates.set("claimedAt", Date.from(now)),
                Updates.inc("attempts", 1));
        Document claimed = mongo.execute(
                Delivery.class,
                collection -> collection.findOneAndUpdate(
                        claimable, update, new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
        return Optional.ofNullable(claimed).map(MongoDeliveries::delivery);
    }

    @Override
    public Optional<Delivery> find(String key) {
        return Optional.ofNullable(mongo.findById(key, Delivery.class));
    }

    @Override
    public void markSent(String key, Instant sentAt, GraphDrafts.Draft draft) {
        var sent = new ArrayList<Bson>(
                List.of(Updates.set("state", Delivery.State.SENT.name()), Updates.set("sentAt", Date.from(sentAt))));
        if (draft != null) {
            sent.add(Updates.set("draftId", draft.id()));
            sent.add(Updates.set(SentMessages.INTERNET_MESSAGE_ID, draft.internetMessageId()));
        }
        sentMarks.write(new UpdateOneModel<>(Filters.eq("_id", key), Updates.combine(sent)));
    }

    /** The SENT marks the consumers make while one is being written, in one unordered bulk write. */
    private List<Boolean> updateAll(List<UpdateOneModel<Document>> marks) {
        mongo.execute(Delivery.class, collection -> collection.bulkWrite(marks, new BulkWriteOptions().ordered(false)));
        return Collections.nCopies(marks.size(), Boolean.TRUE);
    }

    @Override
    public void markRetrying(String key, String error) {
        update(key, retrying(error).unset("paceTicket"));
    }

    /** Not yet its turn: like {@link #putBack}, and remember the ticket the pacing gave it. */
    @Override
    public void queue(String key, long paceTicket, String reason) {
        update(key, uncounted(reason).set("paceTicket", paceTicket));
    }

    /** The attempt never reached Graph: make the command claimable again without counting it. */
    @Override
    public void putBack(String key, String reason) {
        update(key, uncounted(reason));
    }

    /** Graph throttled the attempt: like {@link #putBack}, but counted; returns the count so far. */
    @Override
    public int putBackThrottled(String key, String error) {
        Delivery delivery = updated(key, uncounted(error).inc("throttles", 1).unset("paceTicket"));
        return delivery == null || delivery.throttles() == null ? 1 : delivery.throttles();
    }

    /**
     * Graph could not be reached (no answer at all): like {@link #putBack}, but counted apart from attempts, and
     * remembered as interrupted, since the request may have been acted on; returns the count so far.
     */
    @Override
    public int putBackNetworkError(String key, String error) {
        Delivery delivery = updated(
                key,
                uncounted(error)
                        .set("interrupted", true)
                        .inc("networkErrors", 1)
                        .unset("paceTicket"));
        return delivery == null || delivery.networkErrors() == null ? 1 : delivery.networkErrors();
    }

    /** The attempt created this draft and did not get it sent: a later attempt must look for it before sending again. */
    @Override
    public void recordDraft(String key, String draftId, String internetMessageId) {
        update(key, new Update().set("draftId", draftId).set(SentMessages.INTERNET_MESSAGE_ID, internetMessageId));
    }

    /** The attempt's worker never reported back: retry, looking for what it may have sent first. */
    @Override
    public void markInterrupted(String key, String error) {
        update(key, retrying(error).set("interrupted", true));
    }

    @Override
    public void markFailed(String key, String error) {
        update(key, new Update().set("state", Delivery.State.FAILED).set("lastError", error));
    }

    private void update(String key, Update update) {
        mongo.updateFirst(query(where("_id").is(key)), update, Delivery.class);
    }

    private Delivery updated(String key, Update update) {
        return mongo.findAndModify(
                query(where("_id").is(key)), update, options().returnNew(true), Delivery.class);
    }

    /** Claimable again, with the reason it was not sent this time. */
    private static Update retrying(String error) {
        return new Update().set("state", Delivery.State.RETRYING).set("lastError", error);
    }

    /** Claimable again, and the attempt just claimed does not count. */
    private static Update uncounted(String error) {
        return retrying(error).inc("attempts", -1);
    }

    /** A delivery as Spring Data's mapping reads it from its document. */
    static Delivery delivery(Document document) {
        return new Delivery(
                document.getString("_id"),
                document.getString("accountId"),
                Delivery.State.valueOf(document.getString("state")),
                document.get("attempts") instanceof Number attempts ? attempts.intValue() : 0,
                document.get("throttles") instanceof Number throttles ? throttles.intValue() : null,
                document.get("networkErrors") instanceof Number errors ? errors.intValue() : null,
                document.get("paceTicket") instanceof Number ticket ? ticket.longValue() : null,
                document.getString("draftId"),
                document.getBoolean("interrupted"),
                instant(document.getDate("claimedAt")),
                instant(document.getDate("sentAt")),
                document.getString("lastError"));
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
