package io.graphmail.gateway.mail;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import io.graphmail.gateway.security.ApiClient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The {@code mail} collection; the gateway is its only writer. Status changes never leave a
 * final status, so late or repeated events cannot undo a result.
 *
 * <p>{@code progressAt} (not part of {@link MailRecord}) is when a record last moved: published or reported on by a
 * worker; {@code acceptedAt} stands in for it on records that never moved. {@code reconciledAt} is when the
 * reconciler last handed it to the workers again. {@code claimedUntil} is how long the outbox sweeper that claimed a
 * pending record to publish it holds it; once set (it is never removed while the record is pending) the request that
 * recorded the message can no longer withdraw it.
 */
@Component
public class MailRecords implements OutboxRecords {

    static final String PROGRESS_AT = "progressAt";
    static final String RECONCILED_AT = "reconciledAt";
    static final String CLAIMED_UNTIL = "claimedUntil";
    static final String AWAITS_WINDOW = "awaitsWindow";

    /** Why a message of a paused batch waits, as the gateway records it at the pause and workers report it. */
    public static final String BATCH_PAUSED = "BATCH_PAUSED";

    private static final List<MailStatus> IN_FLIGHT = List.of(MailStatus.ACCEPTED, MailStatus.SENDING);

    /** Reasons a worker holds a message until a person acts; they have alerts of their own and are not stuck. */
    private static final Pattern WAITING_ON_A_PERSON = Pattern.compile("^(AWAITING_CONSENT|CREDENTIALS_UNAVAILABLE)");

    private static final Bson BEFORE_TRANSITION = Projections.include("status", "batchId", "client");

    /** Which call of {@link #recordSent(List)} moved a record to SENT (not part of {@link MailRecord}). */
    static final String SENT_RECORDED_BY = "sentRecordedBy";

    private static final Bson AFTER_SENT_RECORDING = Projections.include(SENT_RECORDED_BY, "batchId", "client");

    private final MongoTemplate mongo;

    /**
     * What a SENT result may replace: any status but another result. A message cancelled with its batch while a worker
     * was already sending it was sent all the same, and the record says so. A bounce comes after the send, so a
     * repeated SENT result leaves BOUNCED alone; a SUPPRESSED item is never sent.
     */
    private static final List<MailStatus> NOT_REPLACED_BY_SENT = List.of(
            MailStatus.SENT, MailStatus.FAILED, MailStatus.DEAD_LETTERED, MailStatus.BOUNCED, MailStatus.SUPPRESSED);

    private final Clock clock;

    private final BatchProgress batchProgress;

    MailRecords(MongoTemplate mongo, Clock clock, BatchProgress batchProgress) {
        this.mongo = mongo;
        this.clock = clock;
        this.batchProgress = batchProgress;
    }

    @Override
    public void insert(MailRecord record) {
        mongo.insert(record);
    }

    public Optional<MailRecord> find(UUID id) {
        return Optional.ofNullable(mongo.findById(id.toString(), MailRecord.class));
    }

    /** The record if the client may see it: another client's message is as good as missing. */
    public Optional<MailRecord> findFor(UUID id, ApiClient client) {
        return find(id).filter(record -> client.owns(record.client()));
    }

    @Override
    public boolean withdraw(UUID id) {
        var unclaimed = where("_id")
                .is(id.toString())
                .and("pendingPublish")
                .is(true)
                .and(CLAIMED_UNTIL)
                .exists(false);
        return mongo.remove(query(unclaimed), MailRecord.class).getDeletedCount() > 0;
    }

    @Override
    public boolean claim(UUID id, Instant now, Instant until) {
        var claimable = new Criteria()
                .andOperator(
                        where("_id").is(id.toString()).and("pendingPublish").is(true), unclaimed(now));
        return mongo.updateFirst(query(claimable), new Update().set(CLAIMED_UNTIL, until), MailRecord.class)
                        .getModifiedCount()
                > 0;
    }

    private static Criteria unclaimed(Instant now) {
        return new Criteria()
                .orOperator(
                        where(CLAIMED_UNTIL).exists(false), where(CLAIMED_UNTIL).lte(now));
    }

    /**
     * Inserts the records as the driver's documents, in one bulk write: the same documents Spring Data's mapping
     * writes for them, built without it (for a batch it cost as much as the insert).
     */
    @Override
    public void insertAll(List<MailRecord> records) {
        var documents = records.stream()
                .map(record -> MailDocuments.of(record, mongo.getConverter()))
                .toList();
        mongo.execute(MailRecord.class, collection -> collection.insertMany(documents));
    }

    @Override
    public void markPublished(UUID id, boolean scheduled) {
        var published = new Update().set("pendingPublish", false).set(PROGRESS_AT, clock.instant());
        var record = where("_id").is(id.toString());
        if (scheduled) {
            record = record.and("status").is(MailStatus.SCHEDULED);
            published = published.set("status", MailStatus.ACCEPTED);
        }
        mongo.updateFirst(query(record), published, MailRecord.class);
    }

    @Override
    public void markBatchPublished(String batchId) {
        mongo.updateMulti(
                query(where("batchId")
                        .is(batchId)
                        .and("pendingPublish")
                        .is(true)
                        .and(AWAITS_WINDOW)
                        .exists(false)
                        // Claimed by a refill or a sweep, which marks it once it published it.
                        .and(CLAIMED_UNTIL)
                        .exists(false)),
                new Update().set("pendingPublish", false).set(PROGRESS_AT, clock.instant()),
                MailRecord.class);
    }

    @Override
    public boolean reopen(UUID id, String outbox) {
        var failed =
                query(where("_id").is(id.toString()).and("status").in(MailStatus.FAILED, MailStatus.DEAD_LETTERED));
        var reopened = new Update()
                .set("status", MailStatus.ACCEPTED)
                .set("outbox", outbox)
                .set("pendingPublish", true)
                // An earlier sweeper's claim is over: the resent command is the sweeper's at once should it fail.
                .unset(CLAIMED_UNTIL)
                // Nor does a pause of its batch that held it once hold the resent command from the sweeper.
                .unset("held")
                .unset("lastError")
                .set("attempts", 0);
        return mongo.updateFirst(failed, reopened, MailRecord.class).getModifiedCount() > 0;
    }

    /** @param client only this client's messages; {@code null} for everyone's */
    public List<MailRecord> deadLettered(String accountId, String reasonPrefix, int limit, String client) {
        var criteria = where("status").is(MailStatus.DEAD_LETTERED);
        if (client != null) {
            criteria = criteria.and("client").is(client);
        }
        if (accountId != null) {
            criteria = criteria.and("accountId").is(accountId);
        }
        if (reasonPrefix != null) {
            criteria = criteria.and("lastError").regex("^" + Pattern.quote(reasonPrefix));
        }
        return mongo.find(query(criteria).limit(limit), MailRecord.class);
    }

    @Override
    public List<MailRecord> duePublishes(Instant now, int limit, List<String> submitting) {
        var criteria = where("pendingPublish")
                .is(true)
                .and("publishAt")
                .lte(now)
                .and("held")
                .ne(true)
                .and(AWAITS_WINDOW)
                .exists(false);
        if (!submitting.isEmpty()) {
            criteria = criteria.and("batchId").nin(submitting);
        }
        criteria = criteria.andOperator(unclaimed(now));
        return mongo.find(query(criteria).with(Sort.by("publishAt")).limit(limit), MailRecord.class);
    }

    @Override
    public Map<String, Recorded> recordedOfBatch(String batchId) {
        var batch = query(where("batchId").is(batchId));
        batch.fields().include("_id").include("status").include(AWAITS_WINDOW);
        return mongo.find(batch, Document.class, "mail").stream()
                .collect(Collectors.toMap(
                        record -> record.getString("_id"),
                        record -> new Recorded(
                                MailStatus.valueOf(record.getString("status")),
                                Boolean.TRUE.equals(record.getBoolean(AWAITS_WINDOW)))));
    }

    @Override
    public List<String> batchesAwaitingWindow() {
        return mongo.findDistinct(query(where(AWAITS_WINDOW).is(true)), "batchId", MailRecord.class, String.class);
    }

    /** Two counts each index serves ({@code batch_status}, {@code awaiting_window}) rather than one that reads them. */
    @Override
    public long inWindow(String batchId) {
        long unfinished = mongo.count(
                query(where("batchId").is(batchId).and("status").in(MailStatus.UNFINISHED)), MailRecord.class);
        long awaiting =
                mongo.count(query(where(AWAITS_WINDOW).is(true).and("batchId").is(batchId)), MailRecord.class);
        return unfinished - awaiting;
    }

    @Override
    public List<MailRecord> claimBeyondWindow(String batchId, int limit, Instant now, Instant until) {
        // A paused batch's held records stay where they are, even if its pause came after the refill read it ACTIVE.
        var next = query(where(AWAITS_WINDOW)
                        .is(true)
                        .and("batchId")
                        .is(batchId)
                        .and("held")
                        .ne(true))
                .with(Sort.by("_id"))
                .limit(limit);
        next.fields().include("_id");
        List<String> ids = mongo.find(next, Document.class, "mail").stream()
                .map(record -> record.getString("_id"))
                .toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        // A cancel may take some of them meanwhile; those it took are no longer awaiting, and are not claimed.
        mongo.updateMulti(
                query(where("_id")
                        .in(ids)
                        .and(AWAITS_WINDOW)
                        .is(true)
                        .and("held")
                        .ne(true)),
                new Update().unset(AWAITS_WINDOW).set("publishAt", now).set(CLAIMED_UNTIL, until),
                MailRecord.class);
        return mongo.find(
                query(where("_id")
                                .in(ids)
                                .and(CLAIMED_UNTIL)
                                .is(until)
                                .and("pendingPublish")
                                .is(true))
                        .with(Sort.by("_id")),
                MailRecord.class);
    }

    @Override
    public void markPublished(List<UUID> ids) {
        var published = ids.stream().map(UUID::toString).toList();
        mongo.updateMulti(
                query(where("_id").in(published).and("status").is(MailStatus.SCHEDULED)),
                new Update().set("status", MailStatus.ACCEPTED),
                MailRecord.class);
        mongo.updateMulti(
                query(where("_id").in(published).and("pendingPublish").is(true)),
                new Update().set("pendingPublish", false).set(PROGRESS_AT, clock.instant()),
                MailRecord.class);
    }

    @Override
    public void expireClaims(List<UUID> ids, Instant now) {
        mongo.updateMulti(
                query(where("_id")
                        .in(ids.stream().map(UUID::toString).toList())
                        .and("pendingPublish")
                        .is(true)),
                new Update().set(CLAIMED_UNTIL, now),
                MailRecord.class);
    }

    /**
     * False if the message had a final status already (a repeated or late event); true too where it replaces
     * CANCELLED: its batch was cancelled while a worker was sending it, and Graph accepted it. The reason it last
     * waited or was retried for ({@code PACED: …}, a throttling code) goes: a sent message has no error.
     */
    public boolean markSent(UUID id, int attempts, Instant sentAt) {
        return recordSent(id, attempts, sentAt).moved();
    }

    /** As {@link #markSent}, telling also the client the record belongs to. */
    Transition recordSent(UUID id, int attempts, Instant sentAt) {
        return transition(id, MailStatus.SENT, sentChanges(attempts, sentAt), NOT_REPLACED_BY_SENT);
    }

    /** A SENT result a worker reported, for {@link #recordSent(List)}. */
    record SentResult(UUID id, int attempts, Instant sentAt) {}

    /**
     * {@link #recordSent(UUID, int, Instant)} for many messages in two round trips: one unordered bulk write of their
     * conditional updates, then one read of the records it touched. A bulk write says how many records it moved, not
     * which, so each update also writes {@link #SENT_RECORDED_BY}, a value new to this call: a record that holds it
     * afterwards was moved by this call, one that does not was final already (or moved by another recording of the
     * same result). Nothing else writes that field, and a SENT record is never moved by another SENT result, so the
     * read cannot mistake one recording for another. A result named twice moves its record once, at its first mention.
     * A result alone takes one round trip, as {@link #recordSent(UUID, int, Instant)}.
     *
     * @return one transition per result, in their order
     */
    List<Transition> recordSent(List<SentResult> results) {
        if (results.size() == 1) {
            var alone = results.get(0);
            return List.of(recordSent(alone.id(), alone.attempts(), alone.sentAt()));
        }
        String recording = UUID.randomUUID().toString();
        var firstMentions = new LinkedHashMap<String, SentResult>();
        results.forEach(result -> firstMentions.putIfAbsent(result.id().toString(), result));
        var updates = firstMentions.entrySet().stream()
                .map(mention -> new UpdateOneModel<Document>(
                        unless(mention.getKey(), NOT_REPLACED_BY_SENT),
                        Updates.combine(transitionUpdate(
                                MailStatus.SENT,
                                sentChanges(
                                        mention.getValue().attempts(),
                                        mention.getValue().sentAt()),
                                Updates.set(SENT_RECORDED_BY, recording)))))
                .toList();
        Map<String, Document> after = mongo.execute("mail", collection -> {
            collection.bulkWrite(updates, new BulkWriteOptions().ordered(false));
            return collection
                    .find(Filters.in("_id", firstMentions.keySet()))
                    .projection(AFTER_SENT_RECORDING)
                    .into(new ArrayList<>())
                    .stream()
                    .collect(Collectors.toMap(record -> record.getString("_id"), record -> record));
        });
        var transitions = new ArrayList<Transition>(results.size());
        var moved = new HashSet<String>();
        for (SentResult result : results) {
            String id = result.id().toString();
            Document record = after.get(id);
            if (record != null && recording.equals(record.getString(SENT_RECORDED_BY)) && moved.add(id)) {
                // Its first final status, or SENT after CANCELLED: the batch is only asked to check itself again.
                String batchId = record.getString("batchId");
                if (batchId != null) {
                    batchProgress.messageFinished(batchId);
                }
                transitions.add(new Transition(true, record.getString("client")));
            } else {
                transitions.add(Transition.NONE);
            }
        }
        return transitions;
    }

    private static List<Bson> sentChanges(int attempts, Instant sentAt) {
        return List.of(
                Updates.set("attempts", attempts), Updates.set("sentAt", date(sentAt)), Updates.unset("lastError"));
    }

    /**
     * A message its batch's pause marked {@link #BATCH_PAUSED} keeps that reason until the resume takes it away: while
     * the batch is paused a worker reports nothing else, so another reason is a report made before it saw the pause.
     *
     * <p>One round trip: an ordered bulk write of the update for a message that is not paused and the one for a message
     * that is, only one of which matches. (A single pipeline update choosing the reason would need {@code $cond}, which
     * mongo-java-server does not take in an update.)
     */
    void markRetrying(UUID id, int attempts, String error) {
        var unfinished = where("_id").is(id.toString()).and("status").nin(MailStatus.FINAL);
        mongo.bulkOps(BulkOperations.BulkMode.ORDERED, MailRecord.class)
                .updateOne(
                        query(unfinished).addCriteria(where("lastError").ne(BATCH_PAUSED)),
                        retrying(attempts).set("lastError", error))
                .updateOne(query(unfinished).addCriteria(where("lastError").is(BATCH_PAUSED)), retrying(attempts))
                .execute();
    }

    private Update retrying(int attempts) {
        return new Update()
                .set("status", MailStatus.SENDING)
                .set("attempts", attempts)
                .set("pendingPublish", false)
                .set(PROGRESS_AT, clock.instant());
    }

    Transition markFailed(UUID id, int attempts, String error) {
        return transition(
                id,
                MailStatus.FAILED,
                List.of(Updates.set("attempts", attempts), Updates.set("lastError", error)),
                MailStatus.FINAL);
    }

    /** Moves a sent message to {@link MailStatus#BOUNCED}, once: no other status moves there. */
    boolean markBounced(UUID id, MailRecord.Bounce bounce) {
        return mongo.updateFirst(
                                query(where("_id")
                                        .is(id.toString())
                                        .and("status")
                                        .is(MailStatus.SENT)),
                                new Update()
                                        .set("status", MailStatus.BOUNCED)
                                        .set("bounce", bounce)
                                        .set(PROGRESS_AT, clock.instant()),
                                MailRecord.class)
                        .getModifiedCount()
                > 0;
    }

    boolean markCancelled(UUID id) {
        return transition(id, MailStatus.CANCELLED, List.of());
    }

    public boolean markDeadLettered(UUID id, String reason) {
        return transition(id, MailStatus.DEAD_LETTERED, List.of(Updates.set("lastError", reason)));
    }

    /**
     * Published messages that no worker has reported on, nor finished, since {@code before}, and that were not
     * reconciled since then either, oldest first; messages of {@code pausedBatches} and messages held until a person
     * acts are left out.
     */
    public List<MailRecord> stalled(Instant before, List<String> pausedBatches, int limit) {
        var notReconciledSince = new Criteria()
                .orOperator(
                        where(RECONCILED_AT).exists(false), where(RECONCILED_AT).lt(before));
        return mongo.find(
                query(new Criteria().andOperator(stalledCriteria(before, pausedBatches), notReconciledSince))
                        .with(Sort.by("acceptedAt"))
                        .limit(limit),
                MailRecord.class);
    }

    /** Like {@link #stalled}, however recently they were reconciled: those that reconciling has not moved yet. */
    public long countStalled(Instant before, List<String> pausedBatches) {
        return mongo.count(query(stalledCriteria(before, pausedBatches)), MailRecord.class);
    }

    private static Criteria stalledCriteria(Instant before, List<String> pausedBatches) {
        var movedBefore = new Criteria()
                .orOperator(
                        where(PROGRESS_AT).lt(before),
                        where(PROGRESS_AT).exists(false).and("acceptedAt").lt(before));
        var criteria = where("status").in(IN_FLIGHT).and("pendingPublish").ne(true);
        if (!pausedBatches.isEmpty()) {
            criteria = criteria.and("batchId").nin(pausedBatches);
        }
        return criteria.andOperator(movedBefore, where("lastError").not().regex(WAITING_ON_A_PERSON));
    }

    /** The reconciler handed the message to the workers again: it is not reconciled again until {@code at} is old. */
    public void markReconciled(UUID id, Instant at) {
        mongo.updateFirst(
                query(where("_id").is(id.toString()).and("status").in(IN_FLIGHT)),
                new Update().set(RECONCILED_AT, at),
                MailRecord.class);
    }

    private boolean transition(UUID id, MailStatus to, List<Bson> changes) {
        return transition(id, to, changes, MailStatus.FINAL).moved();
    }

    /**
     * What a status change did: whether it moved the record, and, if it did, the API client that submitted the
     * message ({@code null} if none).
     */
    record Transition(boolean moved, String client) {

        static final Transition NONE = new Transition(false, null);
    }

    /**
     * Moves the record unless its status is one of {@code keep}; its batch hears when it is the first final one. Every
     * result a worker reports comes here, so it goes through the driver, as Spring Data's mapping would write it
     * (statuses by name, instants as dates) without mapping the query and update each time.
     */
    private Transition transition(UUID id, MailStatus to, List<Bson> changes, List<MailStatus> keep) {
        var update = Updates.combine(transitionUpdate(to, changes));
        // The record as it was (the driver's default), its status, batch and client only.
        Document before = mongo.execute(
                "mail",
                collection -> collection.findOneAndUpdate(
                        unless(id.toString(), keep),
                        update,
                        new FindOneAndUpdateOptions().projection(BEFORE_TRANSITION)));
        if (before == null) {
            return Transition.NONE;
        }
        String batchId = before.getString("batchId");
        if (to.isFinal() && !MailStatus.valueOf(before.getString("status")).isFinal() && batchId != null) {
            batchProgress.messageFinished(batchId);
        }
        return new Transition(true, before.getString("client"));
    }

    /** The record {@code id} unless its status is one of {@code keep}. */
    private static Bson unless(String id, List<MailStatus> keep) {
        return Filters.and(
                Filters.eq("_id", id),
                Filters.nin("status", keep.stream().map(Enum::name).toList()));
    }

    /** What moving a record to {@code to} writes: {@code changes}, then {@code more}, and the status. */
    private List<Bson> transitionUpdate(MailStatus to, List<Bson> changes, Bson... more) {
        var update = new ArrayList<>(changes);
        update.addAll(List.of(more));
        update.add(Updates.set("status", to.name()));
        update.add(Updates.set("pendingPublish", false));
        update.add(Updates.set(PROGRESS_AT, date(clock.instant())));
        return update;
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }
}
