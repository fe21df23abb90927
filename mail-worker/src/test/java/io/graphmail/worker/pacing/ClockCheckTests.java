package io.graphmail.worker.pacing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.graphmail.testsupport.TestBackends;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

/** This worker's clock against MongoDB's, over the wire: the in-process server tells the time of this machine. */
@ExtendWith(OutputCaptureExtension.class)
class ClockCheckTests {

    static final MongoClient client = MongoClients.create(TestBackends.mongoUri());
    static final MongoTemplate mongo = new MongoTemplate(client, "clock-check-tests");

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void aClockInStepWithMongoDbsPassesQuietly(CapturedOutput output) {
        var check = check(Clock.systemUTC(), Duration.ofMillis(100));

        double uncertainty = timed(check);

        assertThat(offsetSeconds()).isCloseTo(0, within(uncertainty));
        assertThat(output).doesNotContain("This worker's clock");
        assertThat(registry.get("graphmail.worker.clock.offset.allowed").gauge().value())
                .isEqualTo(0.05);
    }

    @Test
    void aClockAheadByMoreThanHalfTheMarginIsShownAndWarnedAbout(CapturedOutput output) {
        var check = check(Clock.offset(Clock.systemUTC(), Duration.ofSeconds(2)), Duration.ofMillis(100));

        double uncertainty = timed(check);

        assertThat(offsetSeconds()).isCloseTo(-2, within(uncertainty));
        assertThat(output).contains("This worker's clock is").contains("ahead of MongoDB's");
    }

    @Test
    void aClockBehindWithinAWideMarginPassesQuietly(CapturedOutput output) {
        var check = check(Clock.offset(Clock.systemUTC(), Duration.ofMillis(-300)), Duration.ofSeconds(2));

        double uncertainty = timed(check);

        assertThat(offsetSeconds()).isCloseTo(0.3, within(uncertainty));
        assertThat(output).doesNotContain("This worker's clock");
    }

    @Test
    void anUnreachableMongoDbIsNotAnError(CapturedOutput output) {
        var unreachable =
                MongoClients.create("mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=200&connectTimeoutMS=200");
        try (unreachable) {
            var check = new ClockCheck(
                    new MongoTemplate(unreachable, "none"),
                    properties(Duration.ofMillis(100)),
                    Clock.offset(Clock.systemUTC(), Duration.ofSeconds(5)),
                    registry);

            check.check();
        }

        assertThat(offsetSeconds()).isZero();
        assertThat(output).doesNotContain("This worker's clock").doesNotContain("ClockCheck");
    }

    private ClockCheck check(Clock clock, Duration clockSkew) {
        return new ClockCheck(mongo, properties(clockSkew), clock, registry);
    }

    private static PacingProperties properties(Duration clockSkew) {
        return new PacingProperties(30, 10_000, 5_000, 4, Duration.ofMinutes(2), Duration.ofMinutes(2), clockSkew);
    }

    private double offsetSeconds() {
        return registry.get("graphmail.worker.clock.offset").gauge().value();
    }

    /**
     * Runs the check; returns how far its offset may be from the truth, in seconds: half its round trip (MongoDB's time
     * may come from any moment of it), bounded below by 50 ms for the clocks' resolution. On a loaded machine the round
     * trip alone can take a few hundred milliseconds.
     */
    private static double timed(ClockCheck check) {
        long started = System.nanoTime();
        check.check();
        double roundTrip = (System.nanoTime() - started) / 1e9;
        return Math.max(0.05, roundTrip / 2 + 0.01);
    }
}
