package io.graphmail.faults;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Polling with a bound: the suite waits for processes and quiescence, never for a fixed time it hopes is enough. */
final class Waiting {

    private Waiting() {}

    static void until(String what, Duration timeout, BooleanSupplier condition) {
        if (!within(timeout, Duration.ofMillis(250), condition)) {
            throw new IllegalStateException("timed out after " + timeout + " waiting for " + what);
        }
    }

    /** Whether {@code condition} held within {@code timeout}, polled every {@code interval}. */
    static boolean within(Duration timeout, Duration interval, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            pause(interval);
        }
    }

    /** A deliberate pause: how long a fault lasts, or the moment it strikes. */
    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Lets the executor's tasks finish, however long a scenario's clients keep repeating. */
    static void shutdown(ExecutorService executor) {
        executor.shutdown();
        try {
            executor.awaitTermination(30, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
