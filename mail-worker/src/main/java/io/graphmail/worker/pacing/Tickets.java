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

    /** Whether {@code lane}'s batch was paused or cancelled: its messages get no ticket. */
    boolean closed(Lane lane) {
        LaneState state = lanes.get(lane.key());
        return state != null && state.isClosed();
    }

    /**
     * {@code ticket} (or the place it moves to, see {@link LaneState#placeOf}) if it is one of the lane's, else a new
     * one; either way the lane was seen now.
     */
    long ticketFor(Lane lane, Long ticket) {
        LaneState state = lanes.computeIfAbsent(lane.key(), key -> LaneState.opened(now));
        if (state.holds(ticket)) {
            long place = state.placeOf(ticket);
            lanes.put(lane.key(), place == ticket ? state.seen(now) : state.placed(place, now));
            return place;
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

    /** How many tickets of {@code lane} are ahead of {@code ticket}. */
    long ahead(Lane lane, long ticket) {
        return lanes.get(lane.key()).ahead(ticket);
    }

    /** How many lanes take turns with {@code lane}, itself included: the batches waiting for a bulk lane. */
    long sharing(Lane lane) {
        if (!lane.bulk()) {
            return 1;
        }
        long batches = waiting().stream()
                .filter(key -> !Lane.TRANSACTIONAL.equals(key))
                .count();
        return Math.max(1, batches);
    }

    /** Whether {@code ticket} is one of the lane's. */
    boolean holds(Lane lane, Long ticket) {
        LaneState state = lanes.get(lane.key());
        return state != null && state.holds(ticket);
    }

    void served(Lane lane, long ticket) {
        lanes.computeIfPresent(lane.key(), (key, state) -> state.served(ticket, now));
    }

    Map<String, LaneState> lanes() {
        return lanes;
    }
}
