package io.graphmail.gateway.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class WebhookMetricsTests {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void disabledEndpointCountersStartAtZeroSoThatTheFirstDisableIsAnIncrease() {
        var metrics = new WebhookMetrics(registry);

        assertThat(disabled("GONE")).isZero();
        assertThat(disabled("FAILING")).isZero();

        metrics.disabled("GONE");

        assertThat(disabled("GONE")).isEqualTo(1);
        assertThat(disabled("FAILING")).isZero();
    }

    private double disabled(String reason) {
        var counter = registry.find("graphmail.webhooks.endpoints.disabled")
                .tag("reason", reason)
                .counter();
        assertThat(counter).as("counter for %s", reason).isNotNull();
        return counter.count();
    }
}
