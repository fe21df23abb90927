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
 * @param windowSpan how many of a batch's messages may be on the broker or at a worker at once: as many as its
 *     account sends in this time (all of them for an unlimited account), and at least {@code smallestWindow}. The
 *     rest wait recorded, so that the workers do not take every message of a large batch once only to set it aside
 *     for its turn while other batches' first messages wait behind them
 * @param windowRefill how often the batches' windows are refilled as their messages become final
 */
@Validated
@ConfigurationProperties("graphmail.gateway.batches")
record BatchProperties(
        @NotNull @DefaultValue("10m") Duration abandonedAfter,
        @Min(0) @DefaultValue("30") int defaultMessagesPerMinute,
        @NotNull @DefaultValue("1m") Duration windowSpan,
        @Min(1) @DefaultValue("20") int smallestWindow,
        @NotNull @DefaultValue("1s") Duration windowRefill) {}
