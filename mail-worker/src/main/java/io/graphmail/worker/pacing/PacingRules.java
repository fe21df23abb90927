package io.graphmail.worker.pacing;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The pacing decisions over one account's state, wherever that is kept: an even schedule of slots, a rolling daily
 * recipient budget, a cap on concurrent Graph calls, a log of the last minute's sends, and Graph's own
 * {@code Retry-After}.
 */
final class PacingRules {

    private static final long MINUTE_MS = Duration.ofMinutes(1).toMillis();
    /**
     * The log counts a little more than a minute, for the clocks of different workers, which differ
     * a little.
     */
    private static final long WINDOW_MS = MINUTE_MS + 500;

    private static final long HOUR_MS = Duration.ofHours(1).toMillis();
    /** Above this rate the per-minute log would grow large; the even schedule alone is enough there. */
    private static final int LOGGED_RATE_LIMIT = 1000;

    private final Duration leaseTime;

    PacingRules(Duration leaseTime) {
        this.leaseTime = leaseTime;
    }

    /** The answer to a message, and the state to store with it ({@code null}: nothing changes). */
    record Step(Permit permit, PacingState next) {}

    /**
     * @param reservedSlot the slot this message was given earlier, or {@code null}
     * @param leaseId the lease the message holds while its Graph call runs, if it may go now
     */
    Step decide(PacingState state, int recipients, Limits limits, Long reservedSlot, long now, String leaseId) {
        // Slots handed out before Graph throttled the account no longer hold.
        boolean holdsSlot = reservedSlot != null && reservedSlot >= state.blockedUntil();
        Permit decision = holdsSlot
                ? decideWithSlot(state, reservedSlot, limits, now)
                : decideWithoutSlot(state, recipients, limits, now);
        if (decision instanceof Permit.Deferred) {
            return new Step(decision, null);
        }
        if (decision instanceof Permit.Reserved reserved) {
            return new Step(decision, reserve(state, recipients, limits, reserved.slot(), now));
        }
        return new Step(
                new Permit.Granted(state.accountId(), leaseId, isLogged(limits)),
                grant(state, holdsSlot ? 0 : recipients, limits, now, leaseId, !holdsSlot));
    }

    private static Permit decideWithSlot(PacingState state, long slot, Limits limits, long now) {
        if (state.blockedUntil() > now) {
            return deferred(state.blockedUntil() - now, "THROTTLED_BY_GRAPH");
        }
        if (slot > now) {
            return deferred(slot - now, "RATE");
        }
        return sendNowOrDefer(state, limits, now);
    }

    private static Permit decideWithoutSlot(PacingState state, int recipients, Limits limits, long now) {
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

    private static Permit sendNowOrDefer(PacingState state, Limits limits, long now) {
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

    private static PacingState reserve(PacingState state, int recipients, Limits limits, long slot, long now) {
        return new PacingState(
                state.accountId(),
                slot + spacing(limits),
                state.leases(),
                countRecipients(state, recipients, now),
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
        leases.put(leaseId, now + leaseTime.toMillis());
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

    private static Permit.Deferred deferred(long millis, String reason) {
        return new Permit.Deferred(Duration.ofMillis(Math.max(1, millis)), reason);
    }

    static Duration jitter(Duration base) {
        return base.plusMillis(ThreadLocalRandom.current().nextLong(base.toMillis() + 1));
    }
}
