package io.graphmail.worker.pacing;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Compares this worker's clock with MongoDB's, which every worker shares, now and then. The pacing log holds times
 * that different workers' clocks wrote, and its rules allow them to be {@code clock-skew} apart; two workers each
 * within half of it of MongoDB's clock are within it of each other. A worker further off than that logs a warning and
 * shows it in {@code graphmail_worker_clock_offset_seconds}, so the operator can fix the clock (NTP) or raise the
 * margin before an account sends more in a minute than Exchange counts as its rate.
 *
 * <p>The offset is measured as NTP does it, against the middle of the round trip; half the round trip is its
 * uncertainty, and only the part beyond it counts against the margin.
 */
@Component
class ClockCheck {

    private static final Logger log = LoggerFactory.getLogger(ClockCheck.class);

    private final MongoTemplate mongo;
    private final Clock clock;
    private final long allowedMs;
    private final AtomicLong offsetMs = new AtomicLong();

    ClockCheck(MongoTemplate mongo, PacingProperties properties, Clock clock, MeterRegistry registry) {
        this.mongo = mongo;
        this.clock = clock;
        this.allowedMs = properties.clockSkew().toMillis() / 2;
        Gauge.builder("graphmail.worker.clock.offset", offsetMs, offset -> offset.get() / 1000.0)
                .description("MongoDB's clock less this worker's, at the last check")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("graphmail.worker.clock.offset.allowed", () -> allowedMs / 1000.0)
                .description("Half the pacing's clock-skew: how far each worker's clock may be from MongoDB's")
                .baseUnit("seconds")
                .register(registry);
    }

    @Scheduled(
            initialDelayString = "${graphmail.worker.pacing.clock-check-interval:60s}",
            fixedDelayString = "${graphmail.worker.pacing.clock-check-interval:60s}")
    void check() {
        try {
            measure();
        } catch (DataAccessException unreachable) {
            log.debug("Could not compare this worker's clock with MongoDB's: {}", unreachable.getMessage());
        }
    }

    /** Sets MongoDB's clock less this worker's, unless the server does not tell its time. */
    private void measure() {
        long sent = clock.millis();
        // isMaster rather than its newer name hello: every MongoDB still answers it, and so does mongo-java-server.
        Object localTime = mongo.executeCommand(new Document("isMaster", 1)).get("localTime");
        long received = clock.millis();
        if (!(localTime instanceof Date serverTime)) {
            return;
        }
        long offset = serverTime.getTime() - (sent + received) / 2;
        long uncertainty = (received - sent + 1) / 2;
        offsetMs.set(offset);
        if (Math.abs(offset) - uncertainty > allowedMs) {
            log.warn(
                    "This worker's clock is {} ms {} MongoDB's (± {} ms); the pacing allows each worker {} ms"
                            + " (half of graphmail.worker.pacing.clock-skew), so an account may send a little over"
                            + " its rate in a minute: synchronise this host's clock (NTP) or raise clock-skew",
                    Math.abs(offset),
                    offset > 0 ? "behind" : "ahead of",
                    uncertainty,
                    allowedMs);
        }
    }
}
