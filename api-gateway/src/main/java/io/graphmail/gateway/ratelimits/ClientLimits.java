package io.graphmail.gateway.ratelimits;

import io.graphmail.gateway.security.ApiClient;
import io.graphmail.gateway.security.KeyLimits;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The limits a request is held to: those its key carries (issued keys may), else its client's configured overrides,
 * else the defaults.
 */
final class ClientLimits {

    private final RateLimitProperties properties;
    private final Map<String, Limits> byClient = new ConcurrentHashMap<>();

    ClientLimits(RateLimitProperties properties) {
        this.properties = properties;
        check("graphmail.security.rate-limits", defaults());
        properties.clients().keySet().forEach(this::of);
    }

    Limits of(ApiClient client) {
        Limits configured = of(client.id());
        KeyLimits own = client.limits();
        if (own.isNone()) {
            return configured;
        }
        long rps = own.requestsPerSecond() != null ? own.requestsPerSecond() : configured.requestsPerSecond();
        long burst = own.burst() != null
                ? own.burst()
                : own.requestsPerSecond() != null ? Math.max(1, 2 * rps) : configured.burst();
        long messages = own.messagesPerDay() != null ? own.messagesPerDay() : configured.messagesPerDay();
        return new Limits(rps, burst, messages);
    }

    Limits of(String clientId) {
        return byClient.computeIfAbsent(clientId, this::resolve);
    }

    private Limits resolve(String clientId) {
        var defaults = properties.rateLimits();
        var overrides = properties.clients().get(clientId);
        if (overrides == null) {
            return defaults();
        }
        long rps = pick(overrides.requestsPerSecond(), defaults.requestsPerSecond());
        long burst = overrides.burst() != 0
                ? overrides.burst()
                : overrides.requestsPerSecond() > 0 ? 2 * rps : defaults.burst();
        var limits = new Limits(rps, burst, pick(overrides.messagesPerDay(), defaults.messagesPerDay()));
        return check("graphmail.security.clients." + clientId, limits);
    }

    private Limits defaults() {
        var defaults = properties.rateLimits();
        return new Limits(defaults.requestsPerSecond(), defaults.burst(), defaults.messagesPerDay());
    }

    private static long pick(long override, long fallback) {
        return override == 0 ? fallback : override;
    }

    private static Limits check(String where, Limits limits) {
        if (limits.requestsPerSecond() < Limits.UNLIMITED
                || limits.requestsPerSecond() == 0
                || limits.messagesPerDay() < Limits.UNLIMITED
                || limits.messagesPerDay() == 0
                || (limits.limitsRequests() && limits.burst() < 1)) {
            throw new IllegalStateException(where + ": limits must be positive, or -1 for none");
        }
        return limits;
    }
}
