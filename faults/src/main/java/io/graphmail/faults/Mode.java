package io.graphmail.faults;

import java.time.Duration;
import java.util.List;

/**
 * How big a run is. {@code quick} fits CI's budget: fewer messages, and the workers' leases (in-flight delivery and
 * pacing) shortened from 2 min to 10 s so that what a killed worker held comes back within the run; {@code full} keeps
 * every product default and waits long enough for the reconciler (10 min) to act.
 */
record Mode(
        String name,
        int singles,
        int batchSize,
        int gatewayBatchSize,
        Duration brokerOutage,
        Duration mongoOutage,
        Duration settle,
        List<String> workerArguments) {

    static Mode named(String name) {
        return switch (name) {
            case "quick" ->
                new Mode(
                        "quick",
                        60,
                        100,
                        500,
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(12),
                        Duration.ofSeconds(150),
                        List.of(
                                "--graphmail.worker.retry.in-flight-lease=10s",
                                "--graphmail.worker.pacing.lease-time=10s"));
            case "full" ->
                new Mode(
                        "full",
                        400,
                        500,
                        2_000,
                        Duration.ofSeconds(20),
                        Duration.ofSeconds(30),
                        Duration.ofMinutes(13),
                        List.of());
            default -> throw new IllegalArgumentException("mode is quick or full, not " + name);
        };
    }
}
