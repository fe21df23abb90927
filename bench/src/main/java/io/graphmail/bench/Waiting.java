package io.graphmail.bench;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition; benchmarks are bounded, so every wait has a deadline. */
final class Waiting {

    private Waiting() {}

    /** Whether {@code condition} held within {@code timeout}, checked every {@code poll}. */
    static boolean until(BooleanSupplier condition, Duration timeout, Duration poll) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            sleep(poll);
        }
        return true;
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(Math.max(0, duration.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
