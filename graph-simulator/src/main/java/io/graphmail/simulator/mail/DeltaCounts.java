package io.graphmail.simulator.mail;

import java.util.concurrent.atomic.LongAdder;

/** What a mailbox's delta queries came to, for tests that assert a stored delta link was used. Thread-safe. */
final class DeltaCounts {

    /**
     * The figures: rounds begun without a token, rounds begun with a {@code $deltatoken}, pages answered (first pages
     * and {@code $skiptoken} pages alike), tokens answered {@code 410}, delta requests answered that preferred immutable
     * ids, and pages that timed out ({@code 504}, counted nowhere else).
     */
    record DeltaStats(
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

    void initialRound() {
        initialRounds.increment();
    }

    void tokenRound() {
        tokenRounds.increment();
    }

    void page() {
        pages.increment();
    }

    void expiredToken() {
        expiredTokens.increment();
    }

    void immutableIdRequest() {
        immutableIdRequests.increment();
    }

    void timedOut() {
        timedOutPages.increment();
    }

    DeltaStats stats() {
        return new DeltaStats(
                initialRounds.sum(),
                tokenRounds.sum(),
                pages.sum(),
                expiredTokens.sum(),
                immutableIdRequests.sum(),
                timedOutPages.sum());
    }
}
