package io.graphmail.gateway.batches;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Batch submission and progress.
 *
 * @param abandonedAfter a batch still being submitted after this long was abandoned (its gateway stopped) and is
 *     withdrawn; until then its records are not the outbox sweeper's
 * @param defaultMessagesPerMinute the workers' pacing of an account without a rate of its own (their
 *     {@code graphmail.worker.pacing.messages-per-minute}; 0 unlimited), from which a batch's completion is estimated
 */
@Validated
@ConfigurationProperties("graphmail.gateway.batches")
record BatchProperties(
        @NotNull @DefaultValue("10m") Duration abandonedAfter,
        @Min(0) @DefaultValue("30") int defaultMessagesPerMinute) {}
