package io.graphmail.gateway.sync;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Scheduled mailbox sync.
 *
 * @param interval every active account's mailbox is synced once per interval, however many gateways run
 */
@Validated
@ConfigurationProperties("graphmail.sync")
record SyncProperties(@NotNull @DefaultValue("5m") Duration interval) {}
