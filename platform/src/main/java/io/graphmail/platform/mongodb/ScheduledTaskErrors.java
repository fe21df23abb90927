package io.graphmail.platform.mongodb;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.ErrorHandler;

/**
 * What a scheduled task's failure is logged as. While MongoDB is out of reach every task that reads it fails each time
 * it runs (the outbox sweeper every second): that is one WARN a minute naming the cause, not an ERROR with a stack
 * trace per run, which would bury a real bug. Anything else is a bug and stays an ERROR with its stack trace.
 */
public final class ScheduledTaskErrors implements ErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ScheduledTaskErrors.class);
    static final Duration QUIET = Duration.ofMinutes(1);

    private final Clock clock;
    private final AtomicReference<Instant> lastWarned = new AtomicReference<>(Instant.MIN);

    public ScheduledTaskErrors(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void handleError(Throwable failure) {
        if (!MongoUnavailable.causedBy(failure)) {
            log.error("Scheduled task failed", failure);
            return;
        }
        Instant now = clock.instant();
        Instant last = lastWarned.get();
        if (now.isBefore(last.plus(QUIET)) || !lastWarned.compareAndSet(last, now)) {
            return;
        }
        log.warn(
                "Scheduled tasks wait for MongoDB, which is out of reach ({}); said again in a minute if it still is",
                failure.getMessage());
    }
}
