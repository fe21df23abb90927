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
 */
@Validated
@ConfigurationProperties("graphmail.gateway.sweeper")
public record SweeperProperties(
        @NotNull @DefaultValue("30s") Duration grace) {}
