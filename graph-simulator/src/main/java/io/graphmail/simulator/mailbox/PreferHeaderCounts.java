package io.graphmail.simulator.mailbox;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/** What {@link PreferHeaderAudit} saw of one mailbox's requests. Thread-safe. */
public final class PreferHeaderCounts {

    private static final int EXAMPLES = 10;

    /**
     * The figures: Graph requests on the mailbox, those without {@code IdType="ImmutableId"}, those with more than one
     * {@code Prefer} header, and the first few of either kind ({@code METHOD path}).
     */
    public record PreferHeaderStats(
            long requests, long withoutImmutableId, long severalPreferHeaders, List<String> examples) {}

    private final LongAdder requests = new LongAdder();
    private final LongAdder withoutImmutableId = new LongAdder();
    private final LongAdder severalPreferHeaders = new LongAdder();
    private final List<String> examples = new CopyOnWriteArrayList<>();

    public void record(String request, boolean immutableId, boolean severalHeaders) {
        requests.increment();
        if (!immutableId) {
            withoutImmutableId.increment();
        }
        if (severalHeaders) {
            severalPreferHeaders.increment();
        }
        if ((!immutableId || severalHeaders) && examples.size() < EXAMPLES) {
            examples.add(request);
        }
    }

    public PreferHeaderStats stats() {
        return new PreferHeaderStats(
                requests.sum(), withoutImmutableId.sum(), severalPreferHeaders.sum(), List.copyOf(examples));
    }
}
