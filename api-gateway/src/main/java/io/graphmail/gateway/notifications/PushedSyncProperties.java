package io.graphmail.gateway.notifications;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How often the sync schedule still polls a folder whose changes Graph pushes: the safety round that catches
 * notifications Graph never delivered.
 *
 * @param pushedInterval a pushed folder is polled in one schedule round of each such interval
 */
@Validated
@ConfigurationProperties("graphmail.sync")
record PushedSyncProperties(@NotNull @DefaultValue("1h") Duration pushedInterval) {}
