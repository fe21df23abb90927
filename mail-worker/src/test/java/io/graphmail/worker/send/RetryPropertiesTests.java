package io.graphmail.worker.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import org.junit.jupiter.api.Test;

class RetryPropertiesTests {

    private final RetryProperties retry =
            new RetryProperties(5, 30, Duration.ofSeconds(2), 2.0, Duration.ofSeconds(10), Duration.ofMinutes(2), 20);

    @Test
    void backsOffExponentiallyWithJitterUpToTheMaximum() {
        for (int i = 0; i < 100; i++) {
            assertThat(retry.backoffAfter(1, null)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
            assertThat(retry.backoffAfter(2, null)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
            assertThat(retry.backoffAfter(3, null)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
            assertThat(retry.backoffAfter(9, null)).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
        }
    }

    @Test
    void spreadsMessagesThatFailedTogether() {
        var waits = new HashSet<Duration>();
        for (int i = 0; i < 20; i++) {
            waits.add(retry.backoffAfter(3, null));
        }
        assertThat(waits).hasSizeGreaterThan(1);
    }

    @Test
    void waitsAsLongAsGraphAsksWhenItSaysRetryAfter() {
        assertThat(retry.backoffAfter(1, Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
    }
}
