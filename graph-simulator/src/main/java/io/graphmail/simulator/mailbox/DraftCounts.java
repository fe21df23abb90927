package io.graphmail.simulator.mailbox;

import java.util.concurrent.atomic.LongAdder;

/** What a mailbox's drafts came to, for tests that count sends per draft. Thread-safe. */
public final class DraftCounts {

    /** The figures: drafts created (new messages and replies) and drafts sent. */
    public record DraftStats(long created, long sent) {}

    private final LongAdder created = new LongAdder();
    private final LongAdder sent = new LongAdder();

    public void created() {
        created.increment();
    }

    public void sent() {
        sent.increment();
    }

    public DraftStats stats() {
        return new DraftStats(created.sum(), sent.sum());
    }
}
