package io.graphmail.worker.send;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How transient Graph failures are retried.
 *
 * @param maxAttempts calls to Graph before a command is dead-lettered; a 429 does not count
 * @param maxThrottled 429 answers before a command is dead-lettered
 * @param maxNetworkErrors calls that got no answer at all (connection reset or refused, EOF, timeout) before a
 *     command is dead-lettered; they do not count as attempts, since routine network faults say nothing about the
 *     message
 * @param initialBackoff wait after the first failure when Graph gives no {@code Retry-After}
 * @param multiplier growth of the wait per further failure
 * @param maxBackoff the longest wait between two attempts
 * @param inFlightLease after this long, an attempt that never reported back counts as interrupted
 */
@Validated
@ConfigurationProperties("graphmail.worker.retry")
record RetryProperties(
        @Min(1) @DefaultValue("5") int maxAttempts,
        @Min(1) @DefaultValue("30") int maxThrottled,
        @DefaultValue("2s") Duration initialBackoff,
        @DefaultValue("2.0") double multiplier,
        @DefaultValue("5m") Duration maxBackoff,
        @DefaultValue("2m") Duration inFlightLease,
        @Min(1) @DefaultValue("20") int maxNetworkErrors) {

    /**
     * The wait before attempt {@code failedAttempt + 1}: Graph's Retry-After if given, else
     * exponential backoff with "equal jitter" (half fixed, half random), so that messages failed
     * together do not all come back together.
     */
    Duration backoffAfter(int failedAttempt, Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter;
        }
        double millis = initialBackoff.toMillis() * Math.pow(multiplier, failedAttempt - 1);
        long capped = (long) Math.min(millis, maxBackoff.toMillis());
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }
}
