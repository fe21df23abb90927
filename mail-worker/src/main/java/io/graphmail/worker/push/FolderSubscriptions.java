package io.graphmail.worker.push;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.graphmail.platform.mongodb.CollectionIndexes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** The {@code push_subscriptions} collection; workers are its only writers. */
@Component
class FolderSubscriptions implements CollectionIndexes {

    private final MongoTemplate mongo;
    private final Clock clock;

    FolderSubscriptions(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** The gateway finds a notification's subscription by its id; the schedule an account's folders. */
    @Override
    public void create() {
        mongo.indexOps(FolderSubscription.class).createIndex(new Index("subscriptionId", Sort.Direction.ASC));
        mongo.indexOps(FolderSubscription.class).createIndex(new Index("accountId", Sort.Direction.ASC));
    }

    Optional<FolderSubscription> find(String accountId, String folder) {
        return Optional.ofNullable(
                mongo.findById(FolderSubscription.idOf(accountId, folder), FolderSubscription.class));
    }

    List<FolderSubscription> ofAccount(String accountId) {
        return mongo.find(query(where("accountId").is(accountId)), FolderSubscription.class);
    }

    List<FolderSubscription> all() {
        return mongo.findAll(FolderSubscription.class);
    }

    void active(String accountId, String folder, String subscriptionId, String clientStateHash, Instant expiresAt) {
        upsert(
                accountId,
                folder,
                new Update()
                        .set("subscriptionId", subscriptionId)
                        .set("clientStateHash", clientStateHash)
                        .set("expiresAt", expiresAt)
                        .set("state", FolderSubscription.State.ACTIVE)
                        .set("failures", 0)
                        .set("lookedUpAt", clock.instant())
                        .unset("lastError")
                        .unset("nextAttemptAt"));
    }

    void renewed(String accountId, String folder, Instant expiresAt) {
        upsert(
                accountId,
                folder,
                new Update().set("expiresAt", expiresAt).set("failures", 0).set("lookedUpAt", clock.instant()));
    }

    /** Graph answered that it still has the subscription (unless the folder has another one by now). */
    void lookedUp(String accountId, String folder, String subscriptionId) {
        mongo.updateFirst(
                query(where("_id")
                        .is(FolderSubscription.idOf(accountId, folder))
                        .and("subscriptionId")
                        .is(subscriptionId)),
                new Update().set("lookedUpAt", clock.instant()),
                FolderSubscription.class);
    }

    /** The folder goes back to polling until {@code nextAttemptAt}. */
    void failed(String accountId, String folder, String error, Instant nextAttemptAt) {
        upsert(
                accountId,
                folder,
                new Update()
                        .set("state", FolderSubscription.State.FAILED)
                        .unset("subscriptionId")
                        .unset("clientStateHash")
                        .unset("expiresAt")
                        .inc("failures", 1)
                        .set("lastError", error)
                        .set("nextAttemptAt", nextAttemptAt));
    }

    void remove(String accountId, String folder) {
        mongo.remove(query(where("_id").is(FolderSubscription.idOf(accountId, folder))), FolderSubscription.class);
    }

    /**
     * Marks a round pending for the folder, unless one is pending already or the notification came in before the
     * last round started reading Graph (that round saw the change; {@code tolerance} allows for the gateway's clock
     * being behind). True only for the caller that turned it on: that caller sees the round started.
     */
    boolean markPending(String accountId, String folder, Instant receivedAt, Duration tolerance) {
        var notCovered = new Criteria()
                .orOperator(
                        where("roundStartedAt").exists(false),
                        where("roundStartedAt").lte(receivedAt.plus(tolerance)));
        var before = mongo.findAndModify(
                query(where("_id")
                        .is(FolderSubscription.idOf(accountId, folder))
                        .and("pending")
                        .ne(true)
                        .andOperator(notCovered)),
                new Update().set("pending", true).set("pendingSince", receivedAt),
                FolderSubscription.class);
        return before != null;
    }

    /** A round that failed covered nothing: later notifications must not count as seen by it. */
    void roundFailed(String accountId, String folder) {
        mongo.updateFirst(
                query(where("_id").is(FolderSubscription.idOf(accountId, folder))),
                new Update().unset("roundStartedAt"),
                FolderSubscription.class);
    }

    /**
     * Takes the pending round, if any, noting when it starts: when its oldest notification was received. The caller
     * holds the folder's lease and reads Graph only after this.
     */
    Optional<Instant> takePending(String accountId, String folder) {
        var before = mongo.findAndModify(
                query(where("_id")
                        .is(FolderSubscription.idOf(accountId, folder))
                        .and("pending")
                        .is(true)),
                new Update().set("pending", false).unset("pendingSince").set("roundStartedAt", clock.instant()),
                FindAndModifyOptions.options().returnNew(false),
                FolderSubscription.class);
        return Optional.ofNullable(before).map(FolderSubscription::pendingSince);
    }

    boolean isPending(String accountId, String folder) {
        return mongo.exists(
                query(where("_id")
                        .is(FolderSubscription.idOf(accountId, folder))
                        .and("pending")
                        .is(true)),
                FolderSubscription.class);
    }

    /** Folders whose pending round nobody started since {@code before}: the worker that should have died. */
    List<FolderSubscription> pendingSince(Instant before) {
        return mongo.find(query(where("pending").is(true).and("pendingSince").lt(before)), FolderSubscription.class);
    }

    private void upsert(String accountId, String folder, Update update) {
        mongo.upsert(
                query(where("_id").is(FolderSubscription.idOf(accountId, folder))),
                update.set("accountId", accountId).set("folder", folder).set("updatedAt", clock.instant()),
                FolderSubscription.class);
    }
}
