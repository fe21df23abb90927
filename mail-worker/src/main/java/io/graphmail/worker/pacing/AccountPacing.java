package io.graphmail.worker.pacing;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Paces sending per account across every worker, with the state in MongoDB (optimistic versioning):
 * an even rate per minute, a rolling daily recipient budget, a cap on concurrent Graph calls, and
 * Graph's own {@code Retry-After}. It never waits: over a limit, it says how long to defer.
 */
@Component
public class AccountPacing {

    private static final int ATTEMPTS = 20;
    private static final long HOUR_MS = Duration.ofHours(1).toMillis();

    private final MongoTemplate mongo;
    private final PacingProperties defaults;
    private final Clock clock;

    AccountPacing(MongoTemplate mongo, PacingProperties defaults, Clock clock) {
        this.mongo = mongo;
        this.defaults = defaults;
        this.clock = clock;
    }

    public Limits defaults() {
        return new Limits(defaults.messagesPerMinute(), defaults.recipientsPerDay(), defaults.maxConcurrent());
    }

    public Permit acquire(String accountId, int recipients, Limits limits) {
        if (limits.isUnlimited()) {
            return new Permit.Granted(accountId, null);
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            long now = clock.millis();
            PacingState state = load(accountId);
            Permit.Deferred deferred = deferral(state, recipients, limits, now);
            if (deferred != null) {
                return deferred;
            }
            String leaseId = UUID.randomUUID().toString();
            if (save(grant(state, recipients, limits, now, leaseId))) {
                return new Permit.Granted(accountId, leaseId);
            }
        }
        return new Permit.Deferred(jitter(Duration.ofMillis(250)), "CONTENDED");
    }

    public void release(Permit.Granted permit) {
        if (permit.leaseId() != null) {
            mongo.updateFirst(
                    query(where("_id").is(permit.accountId())),
                    new Update().unset("leases." + permit.leaseId()).inc("version", 1),
                    PacingState.class);
        }
    }

    /** Graph answered 429: hold the whole account for {@code retryAfter}. */
    public void throttled(String accountId, Duration retryAfter) {
        long until = clock.millis() + retryAfter.toMillis();
        mongo.upsert(
                query(where("_id").is(accountId)),
                new Update().max("blockedUntil", until).inc("version", 1),
                PacingState.class);
    }

    private Permit.Deferred deferral(PacingState state, int recipients, Limits limits, long now) {
        if (state.blockedUntil() > now) {
            return new Permit.Deferred(Duration.ofMillis(state.blockedUntil() - now), "THROTTLED_BY_GRAPH");
        }
        long inProgress =
                state.leases().values().stream().filter(expiry -> expiry > now).count();
        if (limits.maxConcurrent() > 0 && inProgress >= limits.maxConcurrent()) {
            return new Permit.Deferred(jitter(Duration.ofMillis(250)), "CONCURRENCY");
        }
        if (limits.messagesPerMinute() > 0 && state.nextSendAt() > now) {
            return new Permit.Deferred(Duration.ofMillis(state.nextSendAt() - now), "RATE");
        }
        if (limits.recipientsPerDay() > 0 && recipientsToday(state, now) + recipients > limits.recipientsPerDay()) {
            long nextHour = (now / HOUR_MS + 1) * HOUR_MS;
            return new Permit.Deferred(Duration.ofMillis(nextHour - now), "DAILY_RECIPIENTS");
        }
        return null;
    }

    private PacingState grant(PacingState state, int recipients, Limits limits, long now, String leaseId) {
        var leases = new HashMap<String, Long>();
        state.leases().forEach((id, expiry) -> {
            if (expiry > now) {
                leases.put(id, expiry);
            }
        });
        leases.put(leaseId, now + defaults.leaseTime().toMillis());
        var hours = new HashMap<String, Long>();
        long firstHour = now / HOUR_MS - 23;
        state.recipientsByHour().forEach((hour, count) -> {
            if (Long.parseLong(hour) >= firstHour) {
                hours.put(hour, count);
            }
        });
        hours.merge(Long.toString(now / HOUR_MS), (long) recipients, Long::sum);
        long spacing = limits.messagesPerMinute() > 0 ? 60_000L / limits.messagesPerMinute() : 0;
        long nextSendAt = Math.max(state.nextSendAt(), now) + spacing;
        return new PacingState(state.accountId(), nextSendAt, leases, hours, state.blockedUntil(), state.version());
    }

    private static long recipientsToday(PacingState state, long now) {
        long firstHour = now / HOUR_MS - 23;
        return state.recipientsByHour().entrySet().stream()
                .filter(entry -> Long.parseLong(entry.getKey()) >= firstHour)
                .mapToLong(java.util.Map.Entry::getValue)
                .sum();
    }

    private PacingState load(String accountId) {
        PacingState state = mongo.findById(accountId, PacingState.class);
        return state == null ? PacingState.fresh(accountId) : withDefaults(state);
    }

    private static PacingState withDefaults(PacingState state) {
        return new PacingState(
                state.accountId(),
                state.nextSendAt(),
                state.leases() == null ? new HashMap<>() : state.leases(),
                state.recipientsByHour() == null ? new HashMap<>() : state.recipientsByHour(),
                state.blockedUntil(),
                state.version());
    }

    private boolean save(PacingState state) {
        try {
            mongo.save(state);
            return true;
        } catch (OptimisticLockingFailureException | DuplicateKeyException anotherWorkerWasFaster) {
            return false;
        }
    }

    private static Duration jitter(Duration base) {
        return base.plusMillis(ThreadLocalRandom.current().nextLong(base.toMillis() + 1));
    }
}
