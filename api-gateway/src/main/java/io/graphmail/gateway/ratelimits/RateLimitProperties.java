package io.graphmail.gateway.ratelimits;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How fast and how much each API client may send. Read from the same {@code graphmail.security} tree as the clients
 * themselves, so a client's limits sit next to its keys and scopes.
 *
 * @param rateLimits what every client gets unless its own settings say otherwise
 * @param clients per-client overrides by client name; for configured clients and for clients of issued keys alike
 */
@ConfigurationProperties("graphmail.security")
record RateLimitProperties(
        @DefaultValue Defaults rateLimits, @DefaultValue Map<String, Overrides> clients) {

    /**
     * @param requestsPerSecond sustained requests per second, refilled continuously
     * @param burst requests that may come at once (the bucket's capacity)
     * @param messagesPerDay messages accepted per UTC day (a batch counts each of its messages)
     */
    record Defaults(
            @DefaultValue("50") long requestsPerSecond,
            @DefaultValue("100") long burst,
            @DefaultValue("100000") long messagesPerDay) {}

    /**
     * Each value: {@code 0} (or absent) takes the default, {@link Limits#UNLIMITED -1} lifts the limit (for admin
     * tooling), anything else replaces the default.
     *
     * @param burst if absent while requestsPerSecond is set: twice requestsPerSecond
     */
    record Overrides(long requestsPerSecond, long burst, long messagesPerDay) {}
}
