package io.graphmail.gateway.batches;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadTests {

    static final Instant NOW = Instant.parse("2026-12-06T00:00:00Z");

    @Test
    void tenThousandMessagesAtThirtyAMinuteTakeFiveAndAHalfHours() {
        var completion = new Workload(10_000, 0, List.of()).completionAt(NOW, 30);

        assertThat(Duration.between(NOW, completion))
                .isEqualTo(Duration.ofMinutes(333).plusSeconds(20));
    }

    @Test
    void singleSendsWaitingGoFirst() {
        var completion = new Workload(60, 30, List.of()).completionAt(NOW, 60);

        assertThat(completion).isEqualTo(NOW.plus(Duration.ofSeconds(90)));
    }

    @Test
    void anotherBatchTakesTurnsOnlyWhileThisOneHasMessagesLeft() {
        var workload = new Workload(100, 0, List.of(1_000L, 20L));

        assertThat(workload.slotsNeeded()).isEqualTo(100 + 100 + 20);
        assertThat(workload.completionAt(NOW, 120)).isEqualTo(NOW.plus(Duration.ofSeconds(110)));
    }

    @Test
    void fractionsOfASlotAreKept() {
        assertThat(new Workload(1, 0, List.of()).completionAt(NOW, 7)).isEqualTo(NOW.plusNanos(60_000_000_000L / 7));
    }

    @Test
    void nothingRemainingHasNoEstimate() {
        assertThat(new Workload(0, 5, List.of(3L)).completionAt(NOW, 30)).isNull();
    }

    @Test
    void anUnlimitedAccountIsDoneAsSoonAsItStarts() {
        assertThat(new Workload(500, 0, List.of()).completionAt(NOW, 0)).isEqualTo(NOW);
    }
}
