package io.graphmail.worker.pacing;

import io.graphmail.platform.messaging.RetryTier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * Messages of one account asking the pacing rules for a slot in simulated time, and coming back through the delay
 * queues as the worker sends them there: after the longest {@link RetryTier} not longer than the delay they were
 * told, plus a lag (the way through the broker and the send queue). Those told their turn is distant are set aside
 * and come back, after the lag, once a grant in their lane names them near (or their latest time comes). Optionally
 * the worker takes a while over each message ({@code serviceMs}), one after another in the order they arrive, so that
 * passes delay the messages whose turn has come. A Graph call takes {@code callMs}, and its send counts in the log of
 * the last minute from when it ended, as {@link MongoAccountPacing#release} records it. Messages come back a little
 * before their turn and wait the rest in-process, as {@link MongoAccountPacing#acquire} has them ({@link TurnWait}).
 * No storage, no broker.
 */
final class SimulatedSending {

    /** How long a worker may still read a paused batch as running (its cache of batch states). */
    static final long STATE_CACHE_MS = 1000;

    private final PacingRules rules =
            new PacingRules(Duration.ofMinutes(2), Duration.ofMillis(500), LaneProperties.defaults());
    private final Limits limits;
    private final long lagMs;
    private final long serviceMs;
    private final long callMs;
    private final Map<Lane, TreeMap<Long, Asking>> setAside = new HashMap<>();
    private long busyUntil;
    private final PriorityQueue<Asking> queue = new PriorityQueue<>((a, b) -> Long.compare(a.at, b.at));
    private final Map<Lane, Long> pausedAt = new HashMap<>();
    private PacingState state = PacingState.fresh("sales");
    private long leases;

    final List<Sent> sent = new ArrayList<>();
    /** How often a message asked and was told to come back later. */
    long passes;

    SimulatedSending(Limits limits, long lagMs) {
        this(limits, lagMs, 0);
    }

    SimulatedSending(Limits limits, long lagMs, long serviceMs) {
        this(limits, lagMs, serviceMs, 0);
    }

    SimulatedSending(Limits limits, long lagMs, long serviceMs, long callMs) {
        this.limits = limits;
        this.lagMs = lagMs;
        this.serviceMs = serviceMs;
        this.callMs = callMs;
    }

    void submit(Lane lane, int messages, long at) {
        for (int i = 0; i < messages; i++) {
            queue.add(new Asking(lane, null, at, at, 0));
        }
    }

    /**
     * The batch of {@code lane} is paused at {@code at}, and its lane closed as {@link MongoAccountPacing#closeLane}
     * does. Its messages that come back within {@link #STATE_CACHE_MS} still ask; later ones are parked.
     */
    void pause(Lane lane, long at) {
        runUntil(at);
        pausedAt.put(lane, at);
        var lanes = new HashMap<>(state.lanes());
        lanes.computeIfPresent(
                lane.key(),
                (key, open) -> new LaneState(
                        open.from(), open.issued(), open.done(), open.servedAt(), at, true, open.earlyServed()));
        state = state.withLanes(lanes);
    }

    void runUntil(long end) {
        while (!queue.isEmpty() && queue.peek().at <= end) {
            Asking arrived = queue.poll();
            // A message that waited in-process for its turn asks again on the consumer it waited on.
            long at = arrived.waited ? arrived.at : Math.max(arrived.at, busyUntil) + serviceMs;
            busyUntil = arrived.waited ? busyUntil : at;
            releaseDue(at);
            Asking asking = new Asking(
                    arrived.lane, arrived.ticket, arrived.submittedAt, at, arrived.releaseAt, arrived.waited);
            Long paused = pausedAt.get(asking.lane);
            if (paused != null && at >= paused + STATE_CACHE_MS) {
                continue;
            }
            var step = rules.decide(state, 1, limits, asking.lane, asking.ticket, at, "lease-" + leases++);
            if (step.next() != null) {
                state = step.next();
            }
            var wait = asking.waited ? null : TurnWait.inProcess(step.permit());
            if (wait != null) {
                queue.add(new Asking(
                        asking.lane,
                        ((Permit.Queued) step.permit()).ticket(),
                        asking.submittedAt,
                        at + wait.toMillis(),
                        0,
                        true));
                continue;
            }
            var permit = TurnWait.early(step.permit());
            if (permit instanceof Permit.Granted granted) {
                sent.add(new Sent(asking.lane, asking.submittedAt, at));
                endsCall(granted, at + callMs);
                if (granted.nearBelow() != null) {
                    releaseNear(asking.lane, granted.nearBelow(), at);
                }
            } else if (permit instanceof Permit.Queued queued) {
                passes++;
                long delay = RetryTier.forDelay(queued.delay()).delay().toMillis();
                queue.add(new Asking(asking.lane, queued.ticket(), asking.submittedAt, at + delay + lagMs, 0));
            } else if (permit instanceof Permit.Distant distant) {
                passes++;
                long latest = distant.turnAt() + Math.max(30_000, (distant.turnAt() - at) / 2);
                setAside.computeIfAbsent(asking.lane, lane -> new TreeMap<>())
                        .put(
                                distant.ticket(),
                                new Asking(asking.lane, distant.ticket(), asking.submittedAt, 0, latest));
            } else if (permit instanceof Permit.Deferred deferred && Permit.LANE_CLOSED.equals(deferred.reason())) {
                // The worker reads the batch's state again at once, and parks the message.
                passes++;
            } else {
                throw new AssertionError("unexpected " + permit);
            }
        }
    }

    /** The send counts in the log from when its Graph call ends (known here in advance: it changes nothing before). */
    private void endsCall(Permit.Granted granted, long endedAt) {
        if (granted.logged()) {
            var recentSends = new HashMap<>(state.recentSends());
            recentSends.put(granted.leaseId(), endedAt);
            state = new PacingState(
                    state.accountId(),
                    state.nextSendAt(),
                    state.leases(),
                    state.recipientsByHour(),
                    state.blockedUntil(),
                    recentSends,
                    state.lanes(),
                    state.transactionalStreak(),
                    state.version());
        }
    }

    private void releaseNear(Lane lane, long belowTicket, long at) {
        var near = setAside.getOrDefault(lane, new TreeMap<>()).headMap(belowTicket);
        near.values().forEach(asking -> comeBack(asking, at));
        near.clear();
    }

    /** As the workers' periodic check does, though at once. */
    private void releaseDue(long at) {
        setAside.values()
                .forEach(aside -> aside.values().removeIf(asking -> {
                    if (asking.releaseAt > at) {
                        return false;
                    }
                    comeBack(asking, at);
                    return true;
                }));
    }

    private void comeBack(Asking asking, long at) {
        queue.add(new Asking(asking.lane, asking.ticket, asking.submittedAt, at + lagMs, 0));
    }

    List<Sent> sentBetween(long from, long to) {
        return sent.stream().filter(s -> s.at >= from && s.at < to).toList();
    }

    /**
     * @param releaseAt when set aside, when it comes back at the latest
     * @param waited it waited in-process for its turn just now, and does not again
     */
    record Asking(Lane lane, Long ticket, long submittedAt, long at, long releaseAt, boolean waited) {

        Asking(Lane lane, Long ticket, long submittedAt, long at, long releaseAt) {
            this(lane, ticket, submittedAt, at, releaseAt, false);
        }
    }

    record Sent(Lane lane, long submittedAt, long at) {}
}
