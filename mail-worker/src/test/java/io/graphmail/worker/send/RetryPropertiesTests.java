package io.graphmail.worker.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPropertiesTests {

    private final RetryProperties retry =
            new RetryProperties(5, Duration.ofSeconds(2), 2.0, Duration.ofSeconds(10), Duration.ofMinutes(2));

    @Test
    void backsOffExponentiallyUpToTheMaximum() {
        assertThat(retry.backoffAfter(1, null)).isEqualTo(Duration.ofSeconds(2));
        assertThat(retry.backoffAfter(2, null)).isEqualTo(Duration.ofSeconds(4));
        assertThat(retry.backoffAfter(3, null)).isEqualTo(Duration.ofSeconds(8));
        assertThat(retry.backoffAfter(4, null)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void waitsAsLongAsGraphAsksWhenItSaysRetryAfter() {
        assertThat(retry.backoffAfter(1, Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
    }
}
