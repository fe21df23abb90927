package io.graphmail.gateway.reconciling;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the gateway finds and drives on messages that stopped moving.
 *
 * @param stuckAfter a published message (ACCEPTED or SENDING) that nothing has moved for this long is stuck: its
 *     command or result was lost (for example while MongoDB or a worker was away)
 * @param interval how often one gateway looks for stuck messages
 * @param batchSize the most stuck messages reconciled in one round
 */
@Validated
@ConfigurationProperties("graphmail.gateway.reconciler")
record ReconcilerProperties(
        @NotNull @DefaultValue("10m") Duration stuckAfter,
        @NotNull @DefaultValue("1m") Duration interval,
        @Min(1) @DefaultValue("200") int batchSize) {}
