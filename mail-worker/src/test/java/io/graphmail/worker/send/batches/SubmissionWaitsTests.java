package io.graphmail.worker.send.batches;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.worker.send.batches.BatchDirectory.State;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SubmissionWaitsTests {

    private static final Duration BUDGET = Duration.ofMillis(400);

    private final UUID batch = UUID.randomUUID();
    private final AtomicInteger reads = new AtomicInteger();
    private Deque<State> states = new ArrayDeque<>(List.of(State.SUBMITTING));

    private final SubmissionWaits waits = new SubmissionWaits(
            id -> {
                reads.incrementAndGet();
                return states.size() > 1 ? states.poll() : states.peek();
            },
            BUDGET,
            System::nanoTime);

    @Test
    void answersTheStateTheSubmissionEndedInAsSoonAsItIsRead() {
        states = new ArrayDeque<>(List.of(State.SUBMITTING, State.SUBMITTING, State.ACTIVE));
        long start = System.nanoTime();

        assertThat(waits.afterSubmission(batch)).isEqualTo(State.ACTIVE);
        assertThat(reads).hasValue(3);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BUDGET);
    }

    @Test
    void answersAWithdrawnBatchCancelled() {
        states = new ArrayDeque<>(List.of(State.CANCELLED));

        assertThat(waits.afterSubmission(batch)).isEqualTo(State.CANCELLED);
        assertThat(reads).hasValue(1);
    }

    @Test
    void givesUpAtTheEndOfTheBatchsBudgetAndWaitsNoMoreForItAfterward() {
        long start = System.nanoTime();

        assertThat(waits.afterSubmission(batch)).isEqualTo(State.SUBMITTING);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(BUDGET);
        assertThat(reads.get()).isBetween(2, (int) (BUDGET.toMillis() / SubmissionWaits.POLL_EVERY.toMillis()));

        int readsInTheBudget = reads.get();
        assertThat(waits.afterSubmission(batch)).isEqualTo(State.SUBMITTING);
        assertThat(reads).as("the budget is spent: no wait, no read").hasValue(readsInTheBudget);
    }

    @Test
    void aLaterWaitForTheSameBatchHasOnlyWhatIsLeftOfItsBudget() {
        var clock = new AtomicLong();
        var fakeReads = new AtomicInteger();
        var answers = new ArrayDeque<>(List.of(State.SUBMITTING, State.SUBMITTING, State.PAUSED));
        var timed = new SubmissionWaits(
                id -> {
                    fakeReads.incrementAndGet();
                    clock.addAndGet(SubmissionWaits.POLL_EVERY.toNanos());
                    return answers.size() > 1 ? answers.poll() : answers.peek();
                },
                BUDGET,
                clock::get);

        assertThat(timed.afterSubmission(batch)).isEqualTo(State.PAUSED);
        assertThat(fakeReads).hasValue(3);
        answers.clear();
        answers.add(State.SUBMITTING);

        assertThat(timed.afterSubmission(batch)).isEqualTo(State.SUBMITTING);
        long budgetPolls = BUDGET.toNanos() / SubmissionWaits.POLL_EVERY.toNanos();
        assertThat(fakeReads)
                .as("the polls the first wait left, not a budget of its own")
                .hasValue((int) budgetPolls);
    }

    @Test
    void eachBatchHasABudgetOfItsOwn() {
        waits.afterSubmission(batch);
        states = new ArrayDeque<>(List.of(State.SUBMITTING, State.ACTIVE));

        assertThat(waits.afterSubmission(UUID.randomUUID())).isEqualTo(State.ACTIVE);
    }

    @Test
    void aConsumerBeingStoppedStopsWaitingAndKeepsItsInterrupt() {
        Thread.currentThread().interrupt();
        try {
            assertThat(waits.afterSubmission(batch)).isEqualTo(State.SUBMITTING);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
            assertThat(reads).hasValue(0);
        } finally {
            Thread.interrupted();
        }
    }
}
