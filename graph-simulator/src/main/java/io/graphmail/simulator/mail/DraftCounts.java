package io.graphmail.simulator.mail;

import java.util.concurrent.atomic.LongAdder;

/** What a mailbox's drafts came to, for tests that count sends per draft. Thread-safe. */
final class DraftCounts {

    /** The figures: drafts created (new messages and replies) and drafts sent. */
    record DraftStats(long created, long sent) {}

    private final LongAdder created = new LongAdder();
    private final LongAdder sent = new LongAdder();

    void created() {
        created.increment();
    }

    void sent() {
        sent.increment();
    }

    DraftStats stats() {
        return new DraftStats(created.sum(), sent.sum());
    }
}
