package io.graphmail.simulator.mailbox;

import java.util.concurrent.atomic.LongAdder;

/** What a mailbox's delta queries came to, for tests that assert a stored delta link was used. Thread-safe. */
public final class DeltaCounts {

    /**
     * The figures: rounds begun without a token, rounds begun with a {@code $deltatoken}, pages answered (first pages
     * and {@code $skiptoken} pages alike), tokens answered {@code 410}, delta requests answered that preferred immutable
     * ids, and pages that timed out ({@code 504}, counted nowhere else).
     */
    public record DeltaStats(
            long initialRounds,
            long tokenRounds,
            long pages,
            long expiredTokens,
            long immutableIdRequests,
            long timedOutPages) {}

    private final LongAdder initialRounds = new LongAdder();
    private final LongAdder tokenRounds = new LongAdder();
    private final LongAdder pages = new LongAdder();
    private final LongAdder expiredTokens = new LongAdder();
    private final LongAdder immutableIdRequests = new LongAdder();
    private final LongAdder timedOutPages = new LongAdder();

    public void initialRound() {
        initialRounds.increment();
    }

    public void tokenRound() {
        tokenRounds.increment();
    }

    public void page() {
        pages.increment();
    }

    public void expiredToken() {
        expiredTokens.increment();
    }

    public void immutableIdRequest() {
        immutableIdRequests.increment();
    }

    public void timedOut() {
        timedOutPages.increment();
    }

    public DeltaStats stats() {
        return new DeltaStats(
                initialRounds.sum(),
                tokenRounds.sum(),
                pages.sum(),
                expiredTokens.sum(),
                immutableIdRequests.sum(),
                timedOutPages.sum());
    }
}
