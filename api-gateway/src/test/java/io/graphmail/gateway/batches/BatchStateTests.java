package io.graphmail.gateway.batches;

import static io.graphmail.gateway.batches.Batch.State.ACTIVE;
import static io.graphmail.gateway.batches.Batch.State.CANCELLED;
import static io.graphmail.gateway.batches.Batch.State.COMPLETED;
import static io.graphmail.gateway.batches.Batch.State.PAUSED;
import static io.graphmail.gateway.batches.Batch.State.SCHEDULED;
import static io.graphmail.gateway.batches.Batch.State.SUBMITTING;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BatchStateTests {

    static final Instant NOW = Instant.parse("2026-12-06T00:00:00Z");

    @Test
    void aFinishedBatchNeverChangesAgain() {
        for (var to : Batch.State.values()) {
            assertThat(to.from()).as("%s from", to).doesNotContain(CANCELLED, COMPLETED);
        }
        assertThat(Arrays.stream(Batch.State.values()).filter(Batch.State::isFinal))
                .containsExactlyInAnyOrder(CANCELLED, COMPLETED);
    }

    @Test
    void completesFromRunningOrPausedButNeverWhileSubmitting() {
        assertThat(COMPLETED.from()).containsExactlyInAnyOrder(SCHEDULED, ACTIVE, PAUSED);
    }

    @Test
    void pauseAndCancelApplyFromTheFirstMomentButResumeNeverEndsASubmission() {
        assertThat(PAUSED.from()).contains(SUBMITTING, SCHEDULED, ACTIVE, PAUSED);
        assertThat(CANCELLED.from()).contains(SUBMITTING, SCHEDULED, ACTIVE, PAUSED);
        assertThat(ACTIVE.from()).containsExactlyInAnyOrder(SCHEDULED, ACTIVE, PAUSED);
        assertThat(SCHEDULED.from()).isEqualTo(ACTIVE.from());
        assertThat(SUBMITTING.from()).isEmpty();
    }

    @Test
    void runsScheduledUntilItsSendAtThenActive() {
        assertThat(Batch.runningState(NOW.plusSeconds(1), NOW)).isEqualTo(SCHEDULED);
        assertThat(Batch.runningState(NOW, NOW)).isEqualTo(ACTIVE);
        assertThat(Batch.runningState(null, NOW)).isEqualTo(ACTIVE);
    }
}
