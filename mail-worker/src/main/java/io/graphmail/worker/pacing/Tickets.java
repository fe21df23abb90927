package io.graphmail.worker.pacing;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** A working copy of an account's lanes for one decision: gives tickets, and says who waits. */
final class Tickets {

    private static final long ASKING_MS = 2000;

    private final Map<String, LaneState> lanes = new HashMap<>();
    private final long now;

    /** The lanes of {@code state} that someone asked for within {@code idleAfterMs}. */
    Tickets(PacingState state, long now, long idleAfterMs) {
        this.now = now;
        state.lanes().forEach((key, lane) -> {
            if (lane.seenAt() > now - idleAfterMs) {
                lanes.put(key, lane);
            }
        });
    }

    /** {@code ticket} if it is one of the lane's, else a new one; either way the lane was seen now. */
    long ticketFor(Lane lane, Long ticket) {
        LaneState state = lanes.computeIfAbsent(lane.key(), key -> LaneState.opened(now));
        if (state.holds(ticket)) {
            lanes.put(lane.key(), state.seen(now));
            return ticket;
        }
        lanes.put(lane.key(), state.issue(now));
        return state.issued();
    }

    /** Lanes with messages waiting. */
    Set<String> waiting() {
        return lanes.entrySet().stream()
                .filter(entry -> entry.getValue().waiting() > 0)
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    /**
     * Lanes with messages waiting that still ask: one of its messages asked within a few of the slots a lane waits
     * between its turns (at least {@value #ASKING_MS} ms), and {@code mine}, which asks now. A lane whose messages
     * stopped asking (a batch paused or withdrawn without word, a worker gone) is passed over, so it costs no slot.
     */
    Set<String> asking(Lane mine, long spacing) {
        var waiting = waiting();
        long window = Math.max(ASKING_MS, 4 * spacing * Math.max(1, waiting.size()));
        var asking = waiting.stream()
                .filter(key -> lanes.get(key).seenAt() > now - window)
                .collect(Collectors.toSet());
        asking.add(mine.key());
        return asking;
    }

    boolean bulkWaits() {
        return waiting().stream().anyMatch(key -> !Lane.TRANSACTIONAL.equals(key));
    }

    Map<String, Long> servedAt() {
        var servedAt = new HashMap<String, Long>();
        lanes.forEach((key, lane) -> servedAt.put(key, lane.servedAt()));
        return servedAt;
    }

    /**
     * How many slots from the next free one until {@code ticket}'s turn, roughly: the tickets ahead of it in its lane,
     * times the batches taking turns for a bulk lane. Only to know when to ask again.
     */
    long slotsAhead(Lane lane, long ticket) {
        long ahead = lanes.get(lane.key()).ahead(ticket);
        if (!lane.bulk()) {
            return ahead;
        }
        long batches = waiting().stream()
                .filter(key -> !Lane.TRANSACTIONAL.equals(key))
                .count();
        return ahead * Math.max(1, batches);
    }

    void served(Lane lane) {
        lanes.computeIfPresent(lane.key(), (key, state) -> state.served(now));
    }

    Map<String, LaneState> lanes() {
        return lanes;
    }
}
