package io.graphmail.gateway.ratelimits;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.graphmail.gateway.security.ApiClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Each client's messages per UTC day, shared by all gateway replicas. The send use cases take their messages from
 * it once the request is valid and before anything is recorded: all of them or none (a batch over what remains is
 * refused whole). A message whose submission fails afterwards (503) is not given back.
 */
public final class MessageQuotas {

    private static final Duration DAY = Duration.ofDays(1);

    private final ProxyManager<String> buckets;
    private final ClientLimits limits;
    private final MeterRegistry meterRegistry;
    private final Clock clock;

    MessageQuotas(ProxyManager<String> buckets, ClientLimits limits, MeterRegistry meterRegistry, Clock clock) {
        this.buckets = buckets;
        this.limits = limits;
        this.meterRegistry = meterRegistry;
        this.clock = clock;
    }

    /** @throws QuotaExceeded if fewer than {@code messages} remain of the client's quota today (none is taken) */
    public void take(ApiClient client, int messages) {
        Limits clientLimits = limits.of(client);
        if (!clientLimits.limitsMessages()) {
            return;
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        long quota = clientLimits.messagesPerDay();
        // A raised quota applies at once (the remaining messages grow by the difference); a lowered one tomorrow.
        ConsumptionProbe probe = buckets.builder()
                .withImplicitConfigurationReplacement(quota, TokensInheritanceStrategy.ADDITIVE)
                .build(key(client, today), () -> configuration(quota))
                .tryConsumeAndReturnRemaining(messages);
        if (!probe.isConsumed()) {
            meterRegistry
                    .counter("graphmail.ratelimit.refused", "policy", "messages")
                    .increment();
            Duration untilTomorrow = Duration.between(
                    clock.instant(),
                    today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            throw new QuotaExceeded(quota, probe.getRemainingTokens(), messages, untilTomorrow);
        }
    }

    /** A key issued with its own quota counts apart from its client's other keys. */
    private static String key(ApiClient client, LocalDate day) {
        Long own = client.limits().messagesPerDay();
        return "messages:" + client.id() + (own == null ? "" : ":key-quota-" + own) + ":" + day;
    }

    private static BucketConfiguration configuration(long quota) {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(quota).refillIntervally(quota, DAY))
                .build();
    }
}
