package io.graphmail.worker.pacing;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Paces sending per account across every worker, with the state in MongoDB (optimistic versioning):
 * an even rate per minute, a rolling daily recipient budget, a cap on concurrent Graph calls, and
 * Graph's own {@code Retry-After}. It never waits: over a limit, it says how long to defer.
 *
 * <p>A message that is not yet due gets a <em>ticket</em> in its {@link Lane} and comes back about when its turn
 * should come; a slot is given only to a message that asks when it is free, transactional before bulk and batches
 * in turn ({@link PacingRules}), so messages waiting in delay queues (or paused) hold no slot. When it is sent, a log
 * of the last minute's sends (as Graph counts them) makes sure that sends never exceed the rate in any minute. A turn
 * a moment away is waited for in-process, and the delay queues are asked to bring a message back a little before its
 * turn ({@link TurnWait}).
 */
@Component
class MongoAccountPacing implements AccountPacing {

    private static final int ATTEMPTS = 20;

    private final MongoTemplate mongo;
    private final PacingProperties defaults;
    private final PacingRules rules;
    private final Clock clock;
    private final Pause pause;

    MongoAccountPacing(MongoTemplate mongo, PacingProperties defaults, LaneProperties lanes, Clock clock, Pause pause) {
        this.mongo = mongo;
        this.defaults = defaults;
        this.rules = new PacingRules(defaults.leaseTime(), defaults.clockSkew(), lanes);
        this.clock = clock;
        this.pause = pause;
    }

    @Override
    public Limits defaults() {
        return new Limits(defaults.messagesPerMinute(), defaults.recipientsPerDay(), defaults.maxConcurrent());
    }

    @Override
    public Limits personalDefaults() {
        return defaults().withRecipientsPerDayAtMost(defaults.personalRecipientsPerDay());
    }

    @Override
    public Permit acquire(String accountId, int recipients, Limits limits, Lane lane, Long ticket) {
        if (limits.isUnlimited()) {
            return new Permit.Granted(accountId, null, false);
        }
        Permit permit = decide(accountId, recipients, limits, lane, ticket);
        Duration wait = TurnWait.inProcess(permit);
        if (wait != null && pause.waited(wait)) {
            permit = decide(accountId, recipients, limits, lane, ((Permit.Queued) permit).ticket());
        }
        return TurnWait.early(permit);
    }

    private Permit decide(String accountId, int recipients, Limits limits, Lane lane, Long ticket) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            long now = clock.millis();
            var step = rules.decide(
                    load(accountId),
                    recipients,
                    limits,
                    lane,
                    ticket,
                    now,
                    UUID.randomUUID().toString());
            if (step.next() == null || save(step.next())) {
                return step.permit();
            }
        }
        return new Permit.Deferred(PacingRules.jitter(Duration.ofMillis(250)), "CONTENDED");
    }

    @Override
    public void release(Permit.Granted permit) {
        if (permit.leaseId() != null) {
            var update = new Update().unset("leases." + permit.leaseId()).inc("version", 1);
            if (permit.logged()) {
                update.set("recentSends." + permit.leaseId(), clock.millis());
            }
            mongo.updateFirst(query(where("_id").is(permit.accountId())), update, PacingState.class);
        }
    }

    @Override
    public void unused(Permit.Granted permit) {
        if (permit.leaseId() != null) {
            var update = new Update()
                    .unset("leases." + permit.leaseId())
                    .unset("recentSends." + permit.leaseId())
                    .inc("version", 1);
            mongo.updateFirst(query(where("_id").is(permit.accountId())), update, PacingState.class);
        }
    }

    @Override
    public void closeLane(UUID batchId) {
        String lane = "lanes." + Lane.batchKey(batchId);
        var update = new Update()
                .set(lane + ".closed", true)
                .set(lane + ".seenAt", clock.millis())
                .inc("version", 1);
        mongo.updateMulti(query(where(lane).exists(true)), update, PacingState.class);
    }

    @Override
    public void openLane(UUID batchId) {
        String lane = "lanes." + Lane.batchKey(batchId);
        mongo.updateMulti(
                query(where(lane + ".closed").is(true)),
                new Update().unset(lane).inc("version", 1),
                PacingState.class);
    }

    @Override
    public void throttled(String accountId, Duration retryAfter) {
        long until = clock.millis() + retryAfter.toMillis();
        mongo.upsert(
                query(where("_id").is(accountId)),
                new Update().max("blockedUntil", until).max("nextSendAt", until).inc("version", 1),
                PacingState.class);
    }

    /** The account's pacing state, fresh if it has none yet; {@link MailboxBudget} shares it. */
    PacingState load(String accountId) {
        PacingState state = mongo.findById(accountId, PacingState.class);
        return state == null ? PacingState.fresh(accountId) : state.withDefaults();
    }

    /** Writes the state unless another worker wrote it since it was loaded. */
    boolean save(PacingState state) {
        try {
            mongo.save(state);
            return true;
        } catch (OptimisticLockingFailureException | DuplicateKeyException anotherWorkerWasFaster) {
            return false;
        }
    }
}
