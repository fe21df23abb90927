package io.graphmail.worker.send;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** Counts what became of send commands, from their outcomes. */
@Component
class SendingMetrics {

    private final MeterRegistry registry;
    private final DistributionSummary graphRequestsPerMessage;
    private final DistributionSummary retryAfter;

    SendingMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.graphRequestsPerMessage = DistributionSummary.builder("graphmail.mail.graph.requests")
                .description("Graph requests it took to deliver one message")
                .register(registry);
        this.retryAfter = DistributionSummary.builder("graphmail.graph.retry.after")
                .baseUnit("seconds")
                .description("Retry-After Graph asked for with a 429")
                .register(registry);
    }

    void record(Outcome outcome) {
        Outcome.Cause cause = outcome.cause();
        if (cause instanceof Outcome.Cause.Sent sent) {
            sent(sent);
        } else if (cause instanceof Outcome.Cause.Paced paced) {
            deferred(paced.reason());
        } else if (cause instanceof Outcome.Cause.Throttled throttled) {
            registry.counter("graphmail.graph.throttled", "account", throttled.accountId())
                    .increment();
            retryAfter.record(throttled.retryAfter().toMillis() / 1000.0);
            deferred("THROTTLED_BY_GRAPH");
        } else if (cause instanceof Outcome.Cause.GraphFailed failed) {
            registry.counter(
                            "graphmail.mail.failed",
                            "permanent",
                            Boolean.toString(failed.permanent()),
                            "code",
                            failed.code())
                    .increment();
        }
    }

    private void sent(Outcome.Cause.Sent sent) {
        if (sent.graphRequests() > 0) {
            graphRequestsPerMessage.record(sent.graphRequests());
        }
        if (sent.sentEarlier()) {
            registry.counter("graphmail.mail.duplicates.avoided").increment();
        }
        registry.counter("graphmail.mail.sent", "account", sent.accountId()).increment();
    }

    private void deferred(String reason) {
        registry.counter("graphmail.mail.deferred", "reason", reason).increment();
    }
}
