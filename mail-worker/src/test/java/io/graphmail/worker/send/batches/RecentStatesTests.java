package io.graphmail.worker.send.batches;

import static io.graphmail.contract.batches.BatchStateReadings.GATEWAY_ANSWERS_AFTER;
import static io.graphmail.contract.batches.BatchStateReadings.WORKER_ACTS_ON_READINGS_FOR;
import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.worker.send.batches.BatchDirectory.State;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RecentStatesTests {

    private static final long BOUND_MS = WORKER_ACTS_ON_READINGS_FOR.toMillis();

    private final UUID batch = UUID.randomUUID();
    private final Map<UUID, State> stored = new HashMap<>();
    private final List<UUID> reads = new ArrayList<>();
    private long nowNanos = 1_000_000_000L;
    private Function<UUID, State> whileReading = id -> stored.get(id);

    private final RecentStates recent = new RecentStates(
            id -> {
                reads.add(id);
                return whileReading.apply(id);
            },
            () -> nowNanos);

    @Test
    void theGatewayWaitsLongerThanAWorkerActsOnAReading() {
        assertThat(GATEWAY_ANSWERS_AFTER).isGreaterThan(WORKER_ACTS_ON_READINGS_FOR);
    }

    @Test
    void aReadingServesEveryAskWithinTheBoundAndNoLonger() {
        stored.put(batch, State.ACTIVE);
        assertThat(recent.of(batch)).isEqualTo(State.ACTIVE);

        stored.put(batch, State.CANCELLED);
        advance(BOUND_MS - 1);
        assertThat(recent.of(batch)).as("just within the bound").isEqualTo(State.ACTIVE);
        advance(1);
        assertThat(recent.of(batch)).as("at the bound").isEqualTo(State.CANCELLED);
        assertThat(reads).hasSize(2);
    }

    @Test
    void aReadingIsTimedFromBeforeItsRequestWasSent() {
        stored.put(batch, State.ACTIVE);
        whileReading = id -> {
            advance(BOUND_MS - 50);
            return stored.get(id);
        };
        recent.of(batch);
        whileReading = stored::get;

        stored.put(batch, State.PAUSED);
        advance(50);
        assertThat(recent.of(batch))
                .as("answered %d ms ago, sent %d ms ago", 50, BOUND_MS)
                .isEqualTo(State.PAUSED);
    }

    @Test
    void aSubmittingBatchIsReadAgainEachTime() {
        stored.put(batch, State.SUBMITTING);
        assertThat(recent.of(batch)).isEqualTo(State.SUBMITTING);

        stored.put(batch, State.ACTIVE);
        advance(1);
        assertThat(recent.of(batch)).isEqualTo(State.ACTIVE);
        assertThat(recent.of(batch)).isEqualTo(State.ACTIVE);
        assertThat(reads).hasSize(2);
    }

    @Test
    void eachBatchHasReadingsOfItsOwn() {
        UUID other = UUID.randomUUID();
        stored.put(batch, State.ACTIVE);
        stored.put(other, State.CANCELLED);

        assertThat(recent.of(batch)).isEqualTo(State.ACTIVE);
        assertThat(recent.of(other)).isEqualTo(State.CANCELLED);
        assertThat(recent.of(batch)).isEqualTo(State.ACTIVE);
        assertThat(reads).containsExactly(batch, other);
    }

    @Test
    void aSlowReadNeverReplacesOneSentAfterIt() {
        stored.put(batch, State.ACTIVE);
        whileReading = id -> {
            State seen = stored.get(id);
            // Meanwhile the batch is cancelled, and another consumer reads it.
            stored.put(id, State.CANCELLED);
            advance(100);
            whileReading = stored::get;
            assertThat(recent.of(id)).isEqualTo(State.CANCELLED);
            return seen;
        };
        assertThat(recent.of(batch)).as("the slow reading's own answer").isEqualTo(State.ACTIVE);

        advance(BOUND_MS - 150);
        assertThat(recent.of(batch)).as("the later reading is kept").isEqualTo(State.CANCELLED);
        assertThat(reads).hasSize(2);
    }

    private void advance(long millis) {
        nowNanos += Duration.ofMillis(millis).toNanos();
    }
}
