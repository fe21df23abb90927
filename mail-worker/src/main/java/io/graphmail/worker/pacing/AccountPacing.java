package io.graphmail.worker.pacing;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.graphmail.worker.accounts.AccountSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
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
 *
 * <p>A message that is not yet due gets a <em>reserved slot</em>, the next free one in the
 * account's even schedule, so deferred messages come back one by one, each at its own turn,
 * instead of all competing for every free moment. When it is sent, a log of the last minute's
 * sends (as Graph counts them) makes sure that late and on-time messages together never exceed
 * the rate in any minute.
 */
@Component
public class AccountPacing {

    private static final int ATTEMPTS = 20;
    private static final long MINUTE_MS = Duration.ofMinutes(1).toMillis();
    /**
     * The log counts a little more than a minute, for the clocks of different workers, which differ
     * a little.
     */
    private static final long WINDOW_MS = MINUTE_MS + 500;

    private static final long HOUR_MS = Duration.ofHours(1).toMillis();
    /** Above this rate the per-minute log would grow large; the even schedule alone is enough there. */
    private static final int LOGGED_RATE_LIMIT = 1000;

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

    /** The defaults of a personal (Outlook.com) account: Outlook.com's lower daily recipient cap applies. */
    public Limits personalDefaults() {
        return defaults().withRecipientsPerDayAtMost(defaults.personalRecipientsPerDay());
    }

    /**
     * The account's limits: its own where it has them, else the defaults of its type. A personal account never gets
     * more recipients a day than Outlook.com allows, whatever its own limits say (the gateway refuses such limits).
     */
    public Limits limitsOf(AccountSettings account) {
        var own = account.limits();
        Limits defaults = account.isPersonal() ? personalDefaults() : defaults();
        if (own == null) {
            return defaults;
        }
        Limits limits = defaults.with(own.messagesPerMinute(), own.recipientsPerDay(), own.maxConcurrent());
        return account.isPersonal()
                ? limits.withRecipientsPerDayAtMost(this.defaults.personalRecipientsPerDay())
                : limits;
    }

    /**
     * A permit to send {@code recipients} recipients now, a reserved slot, or a deferral.
     *
     * @param reservedSlot the slot this message was given earlier, or {@code null}
     */
    public Permit acquire(String accountId, int recipients, Limits limits, Long reservedSlot) {
        if (limits.isUnlimited()) {
            return new Permit.Granted(accountId, null, false);
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            long now = clock.millis();
            PacingState state = load(accountId);
            // Slots handed out before Graph throttled the account no longer hold.
            boolean holdsSlot = reservedSlot != null && reservedSlot >= state.blockedUntil();
            Permit decision = holdsSlot
                    ? decideWithSlot(state, reservedSlot, limits, now)
                    : decideWithoutSlot(state, recipients, limits, now);
            if (decision instanceof Permit.Deferred) {
                return decision;
            }
            String leaseId = UUID.randomUUID().toString();
            PacingState next = decision instanceof Permit.Reserved reserved
                    ? reserve(state, recipients, limits, reserved.slot())
                    : grant(state, holdsSlot ? 0 : recipients, limits, now, leaseId, !holdsSlot);
            if (save(next)) {
                return decision instanceof Permit.Reserved
                        ? decision
                        : new Permit.Granted(accountId, leaseId, isLogged(limits));
            }
        }
        return new Permit.Deferred(jitter(Duration.ofMillis(250)), "CONTENDED");
    }

    /** The Graph call is over: it no longer counts as in progress, and counts in the log from now. */
    public void release(Permit.Granted permit) {
        if (permit.leaseId() != null) {
            var update = new Update().unset("leases." + permit.leaseId()).inc("version", 1);
            if (permit.logged()) {
                update.set("recentSends." + permit.leaseId(), clock.millis());
            }
            mongo.updateFirst(query(where("_id").is(permit.accountId())), update, PacingState.class);
        }
    }

    /** Graph answered 429: hold the whole account for {@code retryAfter}. */
    public void throttled(String accountId, Duration retryAfter) {
        long until = clock.millis() + retryAfter.toMillis();
        mongo.upsert(
                query(where("_id").is(accountId)),
                new Update().max("blockedUntil", until).max("nextSendAt", until).inc("version", 1),
                PacingState.class);
    }

    private Permit decideWithSlot(PacingState state, long slot, Limits limits, long now) {
        if (state.blockedUntil() > now) {
            return deferred(state.blockedUntil() - now, "THROTTLED_BY_GRAPH");
        }
        if (slot > now) {
            return deferred(slot - now, "RATE");
        }
        return sendNowOrDefer(state, limits, now);
    }

    private Permit decideWithoutSlot(PacingState state, int recipients, Limits limits, long now) {
        if (state.blockedUntil() > now) {
            return deferred(state.blockedUntil() - now, "THROTTLED_BY_GRAPH");
        }
        if (limits.recipientsPerDay() > 0 && recipientsToday(state, now) + recipients > limits.recipientsPerDay()) {
            long nextHour = (now / HOUR_MS + 1) * HOUR_MS;
            return deferred(nextHour - now, "DAILY_RECIPIENTS");
        }
        if (limits.messagesPerMinute() > 0 && state.nextSendAt() > now) {
            return new Permit.Reserved(state.nextSendAt(), Duration.ofMillis(state.nextSendAt() - now));
        }
        return sendNowOrDefer(state, limits, now);
    }

    private Permit sendNowOrDefer(PacingState state, Limits limits, long now) {
        long inProgress =
                state.leases().values().stream().filter(expiry -> expiry > now).count();
        if (limits.maxConcurrent() > 0 && inProgress >= limits.maxConcurrent()) {
            return new Permit.Deferred(jitter(Duration.ofMillis(250)), "CONCURRENCY");
        }
        var lastMinute = state.recentSends().values().stream()
                .filter(sentAt -> sentAt > now - WINDOW_MS)
                .sorted()
                .toList();
        if (isLogged(limits) && lastMinute.size() >= limits.messagesPerMinute()) {
            return deferred(lastMinute.get(0) + WINDOW_MS - now, "RATE");
        }
        return null;
    }

    private PacingState reserve(PacingState state, int recipients, Limits limits, long slot) {
        return new PacingState(
                state.accountId(),
                slot + spacing(limits),
                state.leases(),
                countRecipients(state, recipients, clock.millis()),
                state.blockedUntil(),
                state.recentSends(),
                state.version());
    }

    private PacingState grant(
            PacingState state, int recipients, Limits limits, long now, String leaseId, boolean takesSlot) {
        var leases = new HashMap<String, Long>();
        state.leases().forEach((id, expiry) -> {
            if (expiry > now) {
                leases.put(id, expiry);
            }
        });
        leases.put(leaseId, now + defaults.leaseTime().toMillis());
        var recentSends = new HashMap<String, Long>();
        if (isLogged(limits)) {
            state.recentSends().forEach((id, sentAt) -> {
                if (sentAt > now - WINDOW_MS) {
                    recentSends.put(id, sentAt);
                }
            });
            recentSends.put(leaseId, now);
        }
        long nextSendAt = takesSlot ? Math.max(state.nextSendAt(), now) + spacing(limits) : state.nextSendAt();
        return new PacingState(
                state.accountId(),
                nextSendAt,
                leases,
                countRecipients(state, recipients, now),
                state.blockedUntil(),
                recentSends,
                state.version());
    }

    private static Map<String, Long> countRecipients(PacingState state, int recipients, long now) {
        var hours = new HashMap<String, Long>();
        long firstHour = now / HOUR_MS - 23;
        state.recipientsByHour().forEach((hour, count) -> {
            if (Long.parseLong(hour) >= firstHour) {
                hours.put(hour, count);
            }
        });
        if (recipients > 0) {
            hours.merge(Long.toString(now / HOUR_MS), (long) recipients, Long::sum);
        }
        return hours;
    }

    private static long recipientsToday(PacingState state, long now) {
        long firstHour = now / HOUR_MS - 23;
        return state.recipientsByHour().entrySet().stream()
                .filter(entry -> Long.parseLong(entry.getKey()) >= firstHour)
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    /** Slots as far apart as the log allows, so that a message on time never waits for the log. */
    private static long spacing(Limits limits) {
        if (limits.messagesPerMinute() == 0) {
            return 0;
        }
        return (isLogged(limits) ? WINDOW_MS : MINUTE_MS) / limits.messagesPerMinute();
    }

    private static boolean isLogged(Limits limits) {
        return limits.messagesPerMinute() > 0 && limits.messagesPerMinute() <= LOGGED_RATE_LIMIT;
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

    private static Permit.Deferred deferred(long millis, String reason) {
        return new Permit.Deferred(Duration.ofMillis(Math.max(1, millis)), reason);
    }

    private static Duration jitter(Duration base) {
        return base.plusMillis(ThreadLocalRandom.current().nextLong(base.toMillis() + 1));
    }
}
