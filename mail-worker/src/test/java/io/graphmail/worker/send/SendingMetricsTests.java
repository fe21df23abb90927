package io.graphmail.worker.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.worker.send.parking.Hold;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SendingMetricsTests {

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final SendingMetrics metrics = new SendingMetrics(registry);

    @Test
    void countsASentMessageItsGraphRequestsAndADuplicateAvoided() {
        metrics.record(new Outcome.Done(new Outcome.Cause.Sent("sales", 3, true)));

        assertThat(registry.counter("graphmail.mail.sent", "account", "sales").count())
                .isEqualTo(1);
        assertThat(registry.summary("graphmail.mail.graph.requests").totalAmount())
                .isEqualTo(3);
        assertThat(registry.counter("graphmail.mail.duplicates.avoided").count())
                .isEqualTo(1);
    }

    @Test
    void countsAMessageOnlyRecordedAsSentWithoutGraphRequests() {
        metrics.record(new Outcome.Done(new Outcome.Cause.Sent("sales", 0, false)));

        assertThat(registry.counter("graphmail.mail.sent", "account", "sales").count())
                .isEqualTo(1);
        assertThat(registry.summary("graphmail.mail.graph.requests").count()).isZero();
    }

    @Test
    void countsThrottlingAsADeferralWithGraphsRetryAfter() {
        metrics.record(new Outcome.DeadLetter(
                "RETRIES_EXHAUSTED: throttled by Graph 30 times",
                new Outcome.Cause.Throttled("sales", Duration.ofMillis(1_500))));

        assertThat(registry.counter("graphmail.graph.throttled", "account", "sales")
                        .count())
                .isEqualTo(1);
        assertThat(registry.summary("graphmail.graph.retry.after").totalAmount())
                .isEqualTo(1.5);
        assertThat(registry.counter("graphmail.mail.deferred", "reason", "THROTTLED_BY_GRAPH")
                        .count())
                .isEqualTo(1);
    }

    @Test
    void countsPacedAndFailedMessagesByReasonAndCode() {
        metrics.record(new Outcome.RetryLater(Duration.ofSeconds(2), new Outcome.Cause.Paced("RATE")));
        metrics.record(new Outcome.Done(new Outcome.Cause.GraphFailed("ErrorInvalidRecipients", true)));

        assertThat(registry.counter("graphmail.mail.deferred", "reason", "RATE").count())
                .isEqualTo(1);
        assertThat(registry.counter("graphmail.mail.failed", "permanent", "true", "code", "ErrorInvalidRecipients")
                        .count())
                .isEqualTo(1);
    }

    @Test
    void countsNothingForAParkedCommand() {
        metrics.record(new Outcome.Parked(new Hold.AwaitingConsent("PENDING_CONSENT")));

        assertThat(registry.getMeters())
                .as("only the two summaries registered up front")
                .hasSize(2);
    }
}
