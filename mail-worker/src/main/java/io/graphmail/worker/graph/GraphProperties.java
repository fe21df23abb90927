package io.graphmail.worker.graph;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where and how to call Microsoft Graph.
 *
 * @param baseUrl the Graph API root including the version, e.g. {@code https://graph.microsoft.com/v1.0}
 * @param timeout the longest one call may take end to end
 */
@Validated
@ConfigurationProperties("graphmail.graph")
record GraphProperties(
        @NotNull @DefaultValue("https://graph.microsoft.com/v1.0")
        URI baseUrl,

        @NotNull @DefaultValue("30s") Duration timeout) {}
