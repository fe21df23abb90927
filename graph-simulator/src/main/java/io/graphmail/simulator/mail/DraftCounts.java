package io.graphmail.simulator.mail;

import java.util.concurrent.atomic.LongAdder;

/** What a mailbox's drafts came to, for tests that count sends per draft. Thread-safe. */
final class DraftCounts {

    /**
     * The figures: drafts created (new messages and replies), drafts sent, and requests to message endpoints other
     * than delta queries that preferred immutable ids.
     */
    record DraftStats(long created, long sent, long immutableIdRequests) {}

    private final LongAdder created = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private final LongAdder immutableIdRequests = new LongAdder();

    void created() {
        created.increment();
    }

    void sent() {
        sent.increment();
    }

    void immutableIdRequest() {
        immutableIdRequests.increment();
    }

    DraftStats stats() {
        return new DraftStats(created.sum(), sent.sum(), immutableIdRequests.sum());
    }
}
