package io.graphmail.gateway.mail;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The outbox sweeper; how often it looks for messages to publish is {@code graphmail.gateway.sweeper.interval} (1s),
 * read by its schedule.
 *
 * @param grace how long after acceptance a message still unpublished is the sweeper's to publish (its request may
 *     still be publishing it until then)
 * @param lease how long a sweeper that claimed a record to publish it holds it; once over, a sweeper that stopped
 *     before it published the record no longer holds it, and the next sweep publishes it (longer than a publish
 *     takes to be confirmed or refused, so two sweepers seldom publish the same record; were they to, workers send a
 *     command id once)
 */
@Validated
@ConfigurationProperties("graphmail.gateway.sweeper")
public record SweeperProperties(
        @NotNull @DefaultValue("30s") Duration grace,
        @NotNull @DefaultValue("2m") Duration lease) {}
