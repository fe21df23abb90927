package io.graphmail.platform.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoTimeoutException;
import io.graphmail.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.DataAccessResourceFailureException;

@ExtendWith(OutputCaptureExtension.class)
@ResourceLock(Resources.SYSTEM_OUT)
class ScheduledTaskErrorsTests {

    static final Instant START = Instant.parse("2026-12-05T00:00:00Z");

    final MutableClock clock = new MutableClock(START);
    final ScheduledTaskErrors errors = new ScheduledTaskErrors(clock);

    @Test
    void aMongoDbOutageIsOneWarningAMinuteWithoutStackTraces(CapturedOutput output) {
        var outage = new DataAccessResourceFailureException(
                "Timed out", new MongoTimeoutException("Timed out after 2000 ms while waiting for a server"));

        for (int run = 0; run < 60; run++) {
            errors.handleError(outage);
            clock.advance(Duration.ofSeconds(1));
        }
        errors.handleError(outage);

        // Only its own lines and what follows each: test classes running at once write to the same output.
        var lines = output.getAll().lines().toList();
        var own = new ArrayList<String>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(ScheduledTaskErrors.class.getName())) {
                own.add(lines.get(i));
                String next = i + 1 < lines.size() ? lines.get(i + 1) : "";
                assertThat(next).as("a stack trace after " + lines.get(i)).doesNotStartWith("\tat ");
                assertThat(next).doesNotStartWith("org.springframework.dao.DataAccessResourceFailureException");
            }
        }
        assertThat(own)
                .hasSize(2)
                .allSatisfy(line -> assertThat(line).contains(" WARN ").contains("MongoDB, which is out of reach"));
    }

    @Test
    void anythingElseIsAnErrorWithItsStackTrace(CapturedOutput output) {
        errors.handleError(new IllegalStateException("a bug"));

        assertThat(output.getAll()).contains(" ERROR ").contains("a bug").contains("\tat ");
    }
}
