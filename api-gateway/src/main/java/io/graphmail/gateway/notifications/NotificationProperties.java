package io.graphmail.gateway.notifications;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The public endpoint Graph posts change notifications to ({@code POST /notifications/graph}).
 *
 * @param maxBodySize a larger notification POST is refused (413) unread
 * @param requestsPerSecond POSTs accepted per second by this gateway (bursts up to twice that); more get 429
 * @param queueCapacity notification POSTs waiting to be verified; beyond it they are dropped (and counted), which
 *     the scheduled safety round makes good
 * @param verifiers threads verifying and forwarding notifications
 */
@Validated
@ConfigurationProperties("graphmail.notifications")
record NotificationProperties(
        @DefaultValue("1MB") DataSize maxBodySize,
        @Min(1) @DefaultValue("200") int requestsPerSecond,
        @Min(1) @DefaultValue("1000") int queueCapacity,
        @Min(1) @DefaultValue("2") int verifiers) {}
