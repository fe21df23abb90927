package io.graphmail.gateway.batches;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Batch submission.
 *
 * @param abandonedAfter a batch still being submitted after this long was abandoned (its gateway stopped) and is
 *     withdrawn; until then its records are not the outbox sweeper's
 */
@Validated
@ConfigurationProperties("graphmail.gateway.batches")
record BatchProperties(@NotNull @DefaultValue("10m") Duration abandonedAfter) {}
