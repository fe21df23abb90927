package io.graphmail.simulator.throttling;

import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Outlook's limits per app and mailbox, as Microsoft's throttling-limits page states them; 0 switches a limit off.
 * Tests set small values to see them strike.
 *
 * @param maxConcurrent requests of one app to one mailbox in progress at once (4); the control API's
 *     {@code maxConcurrent} overrides it per mailbox or by default
 * @param requestsPerWindow requests of one app to one mailbox within any sliding {@code requestWindow} (10,000)
 * @param requestWindow 10 minutes
 * @param uploadBytesPerWindow bytes one app uploads to one mailbox (bodies of PATCH, POST and PUT, upload URLs
 *     included) within any sliding {@code uploadWindow} (150 MB, read as 150 × 1,048,576 bytes, as the largest
 *     attachment an upload session takes, so that one such file fits)
 * @param uploadWindow 5 minutes
 */
@Validated
@ConfigurationProperties("graphmail.simulator.throttling")
record ThrottlingProperties(
        @PositiveOrZero @DefaultValue("4") int maxConcurrent,
        @PositiveOrZero @DefaultValue("10000") int requestsPerWindow,
        @DefaultValue("10m") Duration requestWindow,
        @DefaultValue("150MB") DataSize uploadBytesPerWindow,
        @DefaultValue("5m") Duration uploadWindow) {

    /** The window limits as the traffic of a mailbox checks them. */
    WindowLimits windows() {
        return new WindowLimits(
                requestsPerWindow, requestWindow.toMillis(), uploadBytesPerWindow.toBytes(), uploadWindow.toMillis());
    }
}
