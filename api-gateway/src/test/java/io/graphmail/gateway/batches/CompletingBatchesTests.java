package io.graphmail.gateway.batches;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Results of one batch share a check of whether it is finished, and the last one is always followed by a check. */
class CompletingBatchesTests {

    static final String BATCH = "b-1";

    final WatchedBatches batches = new WatchedBatches();
    final List<Object> published = new CopyOnWriteArrayList<>();
    final CompletingBatches completing = new CompletingBatches(batches, Clock.systemUTC(), published::add);

    @AfterEach
    void stop() {
        completing.stopChecking();
    }

    @Test
    void resultsRecordedTogetherShareOneCheck() {
        for (int i = 0; i < 200; i++) {
            completing.messageFinished(BATCH);
        }
        batches.finished.set(true);
        completing.messageFinished(BATCH);

        await().atMost(5, SECONDS).until(() -> batches.completed.contains(BATCH));
        assertThat(batches.checks.get()).isBetween(1, 2);
        assertThat(batches.completed).containsExactly(BATCH);
    }

    @Test
    void aResultRecordedWhileACheckReadsIsCheckedAgain() throws InterruptedException {
        batches.holdChecks();
        completing.messageFinished(BATCH);
        batches.checkStarted.await();

        // The check has read "unfinished" and is held; this message finishes after that read.
        batches.finished.set(true);
        completing.messageFinished(BATCH);
        batches.releaseChecks();

        await().atMost(5, SECONDS).until(() -> batches.completed.contains(BATCH));
        assertThat(batches.checks.get()).isEqualTo(2);
    }

    @Test
    void aBatchWhoseMessagesWereFinalOnSubmissionEndsAtOnce() {
        batches.finished.set(true);

        completing.mayHaveFinished(BATCH);

        assertThat(batches.completed).containsExactly(BATCH);
    }

    @Test
    void aCheckThatFailsLeavesTheBatchToTheNextOne() {
        batches.failing.set(true);
        completing.messageFinished(BATCH);
        await().atMost(5, SECONDS).until(() -> batches.checks.get() == 1);

        batches.failing.set(false);
        batches.finished.set(true);
        completing.messageFinished(BATCH);

        await().atMost(5, SECONDS).until(() -> batches.completed.contains(BATCH));
    }

    @Test
    void aResultRecordedWhileTheGatewayStopsIsLeftToThePeriodicRound() {
        completing.stopChecking();

        completing.messageFinished(BATCH);

        assertThat(batches.checks.get()).isZero();
    }

    /** Answers the batch-done check as told, counting the checks. */
    static final class WatchedBatches extends Batches {

        final AtomicInteger checks = new AtomicInteger();
        final AtomicBoolean finished = new AtomicBoolean();
        final AtomicBoolean failing = new AtomicBoolean();
        final List<String> completed = new CopyOnWriteArrayList<>();
        final CountDownLatch checkStarted = new CountDownLatch(1);
        private final Semaphore checksAllowed = new Semaphore(Integer.MAX_VALUE);

        WatchedBatches() {
            super(null);
        }

        void holdChecks() {
            checksAllowed.drainPermits();
        }

        void releaseChecks() {
            checksAllowed.release(Integer.MAX_VALUE / 2);
        }

        @Override
        boolean hasUnfinished(String id) {
            checks.incrementAndGet();
            if (failing.get()) {
                throw new IllegalStateException("MongoDB is away");
            }
            boolean unfinished = !finished.get();
            checkStarted.countDown();
            checksAllowed.acquireUninterruptibly();
            return unfinished;
        }

        @Override
        boolean complete(String id, Instant now) {
            completed.add(id);
            return false;
        }

        @Override
        Optional<Batch> find(String id) {
            return Optional.empty();
        }
    }
}
