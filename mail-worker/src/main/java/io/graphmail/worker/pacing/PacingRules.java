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

    private static final long HOUR_MS = Duration.ofHours(1).toMillis();
    /** Above this rate the per-minute log would grow large; the even schedule alone is enough there. */
    private static final int LOGGED_RATE_LIMIT = 1000;
    /** A free slot is kept at most this long for the lane whose turn it is. */
    private static final long MAX_GRACE_MS = 1000;
    /**
     * A slot taken late by a message that waited for it, by up to a slot or this long, is not lost: the next one stays
     * a spacing after the slot, so a few may follow closer together (the log of the last minute still bounds the
     * rate). Messages come back from the delay queues late by about this much on a busy worker.
     */
    private static final long CATCH_UP_MS = 3000;
    /** How long a free slot waits for a transactional message that asks, at least. */
    private static final long TRANSACTIONAL_WAIT_MS = 3000;
    /**
     * A lane's last sighting is written at most this often by messages that only ask again; {@link Tickets#asking}
     * looks back at least twice as far.
     */
    private static final long SEEN_REFRESH_MS = 1000;
    /**
     * A batch's message whose earliest turn is further off than this is set aside ({@link Permit.Distant}) rather than
     * sent round the delay queues, and goes back on the queue when a grant in its lane brings it this near; the
     * messages this near are the ones that ask, at least {@value #MIN_NEAR_TICKETS} of them per lane.
     */
    private static final long NEAR_MS = 3000;

    private static final long MIN_NEAR_TICKETS = 2;
    /** When a message of a closed lane whose batch is still running (resumed meanwhile) asks again. */
    private static final Duration CLOSED_RECHECK = Duration.ofSeconds(1);

    private final Duration leaseTime;
    /**
     * The log of the last minute's sends counts a little more than a minute, for the clocks of different workers,
     * which write its times and may differ by up to {@code clockSkew}. Each send is logged when its Graph call ended:
     * Exchange may count it at any moment of the call.
     */
    private final long windowMs;

    private final LaneChoice choice;
    private final long idleAfterMs;

    PacingRules(Duration leaseTime, Duration clockSkew, LaneProperties lanes) {
        this.leaseTime = leaseTime;
        this.windowMs = MINUTE_MS + clockSkew.toMillis();
        this.choice = new LaneChoice(lanes.bulkEvery());
        this.idleAfterMs = lanes.idleAfter().toMillis();
    }

    /** The answer to a message, and the state to store with it ({@code null}: nothing changes). */
    record Step(Permit permit, PacingState next) {}

    /**
     * A slot goes only to a message that asks for it when it is free: each waiting message holds a ticket of its lane
     * and asks again about when its turn should come; a free slot goes to the lane {@link LaneChoice} picks, or, once
     * it has been free for a moment and that lane's message has not come, to whoever asks.
     *
     * @param ticket the ticket this message was given earlier, or {@code null}
     * @param leaseId the lease the message holds while its Graph call runs, if it may go now
     */
    Step decide(PacingState state, int recipients, Limits limits, Lane lane, Long ticket, long now, String leaseId) {
        if (state.blockedUntil() > now) {
            return new Step(deferred(state.blockedUntil() - now, "THROTTLED_BY_GRAPH"), null);
        }
        if (limits.recipientsPerDay() > 0 && recipientsToday(state, now) + recipients > limits.recipientsPerDay()) {
            long nextHour = (now / HOUR_MS + 1) * HOUR_MS;
            return new Step(deferred(nextHour - now, "DAILY_RECIPIENTS"), null);
        }
        if (limits.messagesPerMinute() == 0) {
            Permit blocked = sendNowOrDefer(state, limits, now);
            return blocked != null
                    ? new Step(blocked, null)
                    : grant(state, state.lanes(), state.streak(), recipients, limits, now, leaseId, state.nextSendAt());
        }
        return decidePaced(state, recipients, limits, new Turn(lane, ticket, now), leaseId);
    }

    /** The message asking: its lane, the ticket it brings, and when it asks. */
    private record Turn(Lane lane, Long ticket, long now) {}

    private Step decidePaced(PacingState state, int recipients, Limits limits, Turn turn, String leaseId) {
        long now = turn.now();
        var tickets = new Tickets(state, now, idleAfterMs);
        if (tickets.closed(turn.lane())) {
            return new Step(new Permit.Deferred(CLOSED_RECHECK, Permit.LANE_CLOSED), null);
        }
        long waitingBefore = waitingCount(tickets);
        boolean waited = tickets.holds(turn.lane(), turn.ticket());
        long mine = tickets.ticketFor(turn.lane(), turn.ticket());
        long slot = state.nextSendAt();
        long spacing = spacing(limits);
        // The slot is free once the schedule and the log of the last minute both allow a send.
        long freeAt = Math.max(slot, logFreeAt(state, limits, now));
        if (freeAt > now) {
            return queued(state, tickets, turn, mine, freeAt, spacing, "RATE");
        }
        if (limits.maxConcurrent() > 0 && inProgress(state, now) >= limits.maxConcurrent()) {
            Duration wait = jitter(Duration.ofMillis(250));
            return new Step(
                    new Permit.Queued(mine, now + wait.toMillis(), wait, "CONCURRENCY"),
                    state.withLanes(tickets.lanes()));
        }
        String chosen = choice.choose(tickets.asking(turn.lane(), spacing), tickets.servedAt(), state.streak());
        if (!turn.lane().key().equals(chosen) && now - freeAt < keptFor(chosen, spacing)) {
            return queued(state, tickets, turn, mine, freeAt + grace(spacing), spacing, "LANE");
        }
        if (turn.lane().bulk() && tickets.ahead(turn.lane(), mine) > nearTickets(spacing) && now - freeAt < spacing) {
            // Its lane's messages near their turn ask for the slot; should they all be late, it is not kept for them.
            return queued(state, tickets, turn, mine, freeAt, spacing, "RATE");
        }
        boolean bulkWaited = tickets.bulkWaits();
        tickets.served(turn.lane(), mine);
        boolean backlog = waited || waitingBefore > 0;
        long nextSendAt =
                backlog && now - slot < Math.max(spacing, CATCH_UP_MS) ? slot + spacing : Math.max(slot, now) + spacing;
        int streak = LaneChoice.streakAfter(turn.lane().key(), bulkWaited, state.streak());
        Step granted = grant(state, tickets.lanes(), streak, recipients, limits, now, leaseId, nextSendAt);
        return turn.lane().bulk()
                ? new Step(nearBelow(granted, tickets, turn.lane(), spacing), granted.next())
                : granted;
    }

    /** The grant, naming the lane's tickets that are near their turn now that it is served. */
    private static Permit nearBelow(Step granted, Tickets tickets, Lane lane, long spacing) {
        var permit = (Permit.Granted) granted.permit();
        long near = tickets.lanes().get(lane.key()).done() + nearTickets(spacing) + 1;
        return new Permit.Granted(permit.accountId(), permit.leaseId(), permit.logged(), near);
    }

    /** How many tickets of a lane ahead of a message leave it near enough to ask (see {@link #NEAR_MS}). */
    private static long nearTickets(long spacing) {
        return Math.max(MIN_NEAR_TICKETS, NEAR_MS / Math.max(1, spacing));
    }

    private static Step queued(
            PacingState state, Tickets tickets, Turn turn, long mine, long base, long spacing, String reason) {
        long ahead = tickets.ahead(turn.lane(), mine);
        long turnAt = base + ahead * tickets.sharing(turn.lane()) * spacing;
        // It comes back by its earliest turn: the one it gets should every other lane close or empty meanwhile.
        long delay = Math.max(1, base + ahead * spacing - turn.now());
        Permit permit = turn.lane().bulk() && ahead > nearTickets(spacing)
                ? new Permit.Distant(mine, turnAt, reason)
                : new Permit.Queued(mine, turnAt, Duration.ofMillis(delay), reason);
        LaneState before = state.lanes().get(turn.lane().key());
        boolean unchanged = turn.ticket() != null
                && turn.ticket() == mine
                && before != null
                && turn.now() - before.seenAt() < SEEN_REFRESH_MS;
        return new Step(permit, unchanged ? null : state.withLanes(tickets.lanes()));
    }

    private static long waitingCount(Tickets tickets) {
        return tickets.lanes().values().stream().mapToLong(LaneState::waiting).sum();
    }

    /**
     * How long a free slot waits for the lane whose turn it is (which still asks) before whoever asks takes it: a
     * slot, which a late message takes without moving the schedule; a transactional message a little longer, should
     * the way back through the delay queues be slower than a slot.
     */
    private static long keptFor(String lane, long spacing) {
        return Lane.TRANSACTIONAL.equals(lane) ? Math.max(spacing, TRANSACTIONAL_WAIT_MS) : spacing;
    }

    /** When a message passed over for another lane asks again: once that lane has had a moment to take the slot. */
    private static long grace(long spacing) {
        return Math.min(spacing / 2, MAX_GRACE_MS);
    }

    /**
     * When the log of the last minute lets the next send go: 0 if it does now, else when its oldest send leaves. A send
     * still in progress ends at the earliest now: the message told to come back then asks again, and by then its end
     * is known.
     */
    private long logFreeAt(PacingState state, Limits limits, long now) {
        if (!isLogged(limits)) {
            return 0;
        }
        var lastMinute = state.recentSends().values().stream()
                .filter(sentAt -> sentAt > now - windowMs)
                .sorted()
                .toList();
        return lastMinute.size() >= limits.messagesPerMinute() ? Math.min(lastMinute.get(0), now) + windowMs : 0;
    }

    private static long inProgress(PacingState state, long now) {
        return state.leases().values().stream().filter(expiry -> expiry > now).count();
    }

    private Permit sendNowOrDefer(PacingState state, Limits limits, long now) {
        long inProgress =
                state.leases().values().stream().filter(expiry -> expiry > now).count();
        if (limits.maxConcurrent() > 0 && inProgress >= limits.maxConcurrent()) {
            return new Permit.Deferred(jitter(Duration.ofMillis(250)), "CONCURRENCY");
        }
        long logFreeAt = logFreeAt(state, limits, now);
        return logFreeAt > now ? deferred(logFreeAt - now, "RATE") : null;
    }

    private Step grant(
            PacingState state,
            Map<String, LaneState> lanes,
            int streak,
            int recipients,
            Limits limits,
            long now,
            String leaseId,
            long nextSendAt) {
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
                if (sentAt > now - windowMs) {
                    recentSends.put(id, sentAt);
                }
            });
            // Until its release says when its call ended, the send counts as ending when its lease does: a release
            // that never comes (its worker stopped mid-call) costs a slot for a while, never lets one through early.
            recentSends.put(leaseId, now + leaseTime.toMillis());
        }
        var next = new PacingState(
                state.accountId(),
                nextSendAt,
                leases,
                countRecipients(state, recipients, now),
                state.blockedUntil(),
                recentSends,
                lanes,
                streak,
                state.version());
        return new Step(new Permit.Granted(state.accountId(), leaseId, isLogged(limits)), next);
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
    private long spacing(Limits limits) {
        if (limits.messagesPerMinute() == 0) {
            return 0;
        }
        return (isLogged(limits) ? windowMs : MINUTE_MS) / limits.messagesPerMinute();
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
