package io.graphmail.worker.pacing;

import io.graphmail.platform.messaging.RetryTier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Messages of one account asking the pacing rules for a slot in simulated time, and coming back through the delay
 * queues as the worker sends them there: after the longest {@link RetryTier} not longer than the delay they were
 * told, plus a lag (the way through the broker and the send queue). No storage, no broker.
 */
final class SimulatedSending {

    /** How long a worker may still read a paused batch as running (its cache of batch states). */
    static final long STATE_CACHE_MS = 1000;

    private final PacingRules rules = new PacingRules(Duration.ofMinutes(2), LaneProperties.defaults());
    private final Limits limits;
    private final long lagMs;
    private final PriorityQueue<Asking> queue = new PriorityQueue<>((a, b) -> Long.compare(a.at, b.at));
    private final Map<Lane, Long> pausedAt = new HashMap<>();
    private PacingState state = PacingState.fresh("sales");
    private long leases;

    final List<Sent> sent = new ArrayList<>();
    /** How often a message asked and was told to come back later. */
    long passes;

    SimulatedSending(Limits limits, long lagMs) {
        this.limits = limits;
        this.lagMs = lagMs;
    }

    void submit(Lane lane, int messages, long at) {
        for (int i = 0; i < messages; i++) {
            queue.add(new Asking(lane, null, at, at));
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
                (key, open) -> new LaneState(open.from(), open.issued(), open.done(), open.servedAt(), at, true));
        state = state.withLanes(lanes);
    }

    void runUntil(long end) {
        while (!queue.isEmpty() && queue.peek().at <= end) {
            Asking asking = queue.poll();
            Long paused = pausedAt.get(asking.lane);
            if (paused != null && asking.at >= paused + STATE_CACHE_MS) {
                continue;
            }
            var step = rules.decide(state, 1, limits, asking.lane, asking.ticket, asking.at, "lease-" + leases++);
            if (step.next() != null) {
                state = step.next();
            }
            if (step.permit() instanceof Permit.Granted) {
                sent.add(new Sent(asking.lane, asking.submittedAt, asking.at));
            } else if (step.permit() instanceof Permit.Queued queued) {
                passes++;
                long delay = RetryTier.forDelay(queued.delay()).delay().toMillis();
                queue.add(new Asking(asking.lane, queued.ticket(), asking.submittedAt, asking.at + delay + lagMs));
            } else if (step.permit() instanceof Permit.Deferred deferred
                    && Permit.LANE_CLOSED.equals(deferred.reason())) {
                // The worker reads the batch's state again at once, and parks the message.
                passes++;
            } else {
                throw new AssertionError("unexpected " + step.permit());
            }
        }
    }

    List<Sent> sentBetween(long from, long to) {
        return sent.stream().filter(s -> s.at >= from && s.at < to).toList();
    }

    record Asking(Lane lane, Long ticket, long submittedAt, long at) {}

    record Sent(Lane lane, long submittedAt, long at) {}
}
