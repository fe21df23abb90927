package io.graphmail.worker.pacing;

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
 */
record LaneState(long from, long issued, long done, long servedAt, long seenAt, Boolean closed) {

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
        return new LaneState(from, issued + 1, done, servedAt, now, closed);
    }

    LaneState seen(long now) {
        return new LaneState(from, issued, done, servedAt, now, closed);
    }

    LaneState served(long now) {
        return new LaneState(from, issued, Math.min(issued, done + 1), now, now, closed);
    }
}
