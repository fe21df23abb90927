package io.graphmail.worker.pacing;

import java.util.ArrayList;
import java.util.List;
import org.springframework.data.annotation.PersistenceCreator;

/**
 * One lane's waiting messages as tickets, kept in the account's {@link PacingState}. Tickets are numbered from
 * {@code from}, which starts at the lane's creation time (in microseconds), so a ticket of an earlier lane of the same
 * name (a batch paused and resumed) never counts in a new one.
 *
 * @param from the first ticket of this lane
 * @param issued the next ticket to give: tickets {@code from..issued-1} were given
 * @param done tickets served (granted a slot) so far, counted from {@code from}
 * @param servedAt when the lane last got a slot (epoch ms), for taking turns
 * @param seenAt when one of its messages last asked (epoch ms), or when it was closed; a lane nobody asks for is
 *     dropped after a while
 * @param closed its batch was paused or cancelled: it waits for nothing, and its messages that still ask (a worker
 *     read the batch's state before the change) get no ticket and no slot ({@code null} in states stored before)
 * @param early tickets served ahead of {@code done} (their messages asked when a slot was free and the messages
 *     before them were late), at most {@value #MAX_EARLY}: each counts as waiting until a message passed over takes its
 *     place ({@code null} in states stored before)
 */
record LaneState(long from, long issued, long done, long servedAt, long seenAt, Boolean closed, List<Long> early) {

    private static final int MAX_EARLY = 64;

    @PersistenceCreator
    LaneState {}

    LaneState(long from, long issued, long done, long servedAt, long seenAt, Boolean closed) {
        this(from, issued, done, servedAt, seenAt, closed, List.of());
    }

    static LaneState opened(long now) {
        long from = now * 1000;
        return new LaneState(from, from, from, 0, now, false);
    }

    boolean isClosed() {
        return Boolean.TRUE.equals(closed);
    }

    boolean holds(Long ticket) {
        return ticket != null && ticket >= from && ticket < issued;
    }

    long waiting() {
        return isClosed() ? 0 : Math.max(0, issued - done);
    }

    /** How many tickets of the lane are ahead of {@code ticket}. */
    long ahead(long ticket) {
        return Math.max(0, ticket - done);
    }

    LaneState issue(long now) {
        return new LaneState(from, issued + 1, done, servedAt, now, closed, earlyServed());
    }

    LaneState seen(long now) {
        return new LaneState(from, issued, done, servedAt, now, closed, earlyServed());
    }

    /**
     * The place of a message holding {@code ticket}: a message passed over (its ticket counted as served when another
     * took its slot) takes the place of the first ticket served early, so that it waits its turn again instead of
     * asking for every slot; any other keeps its ticket.
     */
    long placeOf(long ticket) {
        return ticket < done
                ? earlyServed().stream()
                        .filter(e -> e >= done)
                        .min(Long::compare)
                        .orElse(ticket)
                : ticket;
    }

    /** A message took the place of {@code place}, served early. */
    LaneState placed(long place, long now) {
        var rest = earlyServed().stream().filter(e -> e != place && e >= done).toList();
        return new LaneState(from, issued, done, servedAt, now, closed, rest);
    }

    /** The message holding {@code ticket} got a slot. */
    LaneState served(long ticket, long now) {
        if (ticket < done) {
            // Passed over before: counted as served then.
            return new LaneState(from, issued, done, now, now, closed, earlyServed());
        }
        long next = Math.min(issued, done + 1);
        var stillEarly = new ArrayList<Long>();
        earlyServed().stream().filter(e -> e >= next).forEach(stillEarly::add);
        if (ticket >= next && stillEarly.size() < MAX_EARLY) {
            stillEarly.add(ticket);
        }
        return new LaneState(from, issued, next, now, now, closed, stillEarly);
    }

    List<Long> earlyServed() {
        return early == null ? List.of() : early;
    }
}
