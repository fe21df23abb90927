package io.graphmail.platform.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the services wait on the broker.
 *
 * @param confirmTimeout how long a publish waits for the broker's confirm before it counts as failed
 * @param shutdownTimeout on shutdown, how long messages in hand get to finish before they go back to the broker (a
 *     Graph call may take up to its 30 s timeout); keep it under the pod's grace period
 */
@ConfigurationProperties("graphmail.messaging")
public record MessagingProperties(
        @DefaultValue("5s") Duration confirmTimeout,
        @DefaultValue("40s") Duration shutdownTimeout) {}
