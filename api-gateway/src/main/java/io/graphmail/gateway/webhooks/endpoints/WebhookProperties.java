package io.graphmail.gateway.webhooks.endpoints;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Outbound webhooks.
 *
 * @param allowHttp whether endpoints may use plain {@code http} (local use and tests only)
 * @param allowedHosts host names or IP addresses that may be targeted although they are loopback, private,
 *     link-local or otherwise internal (local use and tests only)
 * @param encryptionKey base64 of the 32-byte AES key the signing secrets are stored under; without one a key is
 *     made up at start, and secrets no longer decrypt after a restart (development only)
 * @param timeout how long one delivery may take, connection included, before it counts as failed
 * @param concurrency deliveries in progress at once in one gateway
 * @param perEndpoint deliveries in progress at once to one endpoint in one gateway; more wait a little on the broker
 * @param initialBackoff the wait before the first retry; each retry waits twice as long (with jitter)
 * @param maxBackoff the longest wait between two attempts
 * @param giveUpAfter how long after its event a delivery is retried before it is marked failed
 * @param disableAfter how long an endpoint may fail without one success before it is disabled
 * @param secretOverlap how long a rotated-out secret keeps signing beside the new one
 * @param retention how long delivery records are kept (a TTL index; changing it needs the index dropped)
 */
@Validated
@ConfigurationProperties("graphmail.webhooks")
public record WebhookProperties(
        @DefaultValue("false") boolean allowHttp,
        @DefaultValue List<String> allowedHosts,
        String encryptionKey,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("32") @Min(1) int concurrency,
        @DefaultValue("4") @Min(1) int perEndpoint,
        @DefaultValue("5s") Duration initialBackoff,
        @DefaultValue("1h") Duration maxBackoff,
        @DefaultValue("24h") Duration giveUpAfter,
        @DefaultValue("5d") Duration disableAfter,
        @DefaultValue("24h") Duration secretOverlap,
        @DefaultValue("30d") Duration retention) {

    public WebhookProperties {
        allowedHosts = List.copyOf(allowedHosts);
    }
}
