package io.graphmail.gateway.ratelimits;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.graphmail.gateway.problems.ProblemResponses;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    static final String COLLECTION = "rate_limits";
    static final Duration CLOCK_ALLOWANCE = Duration.ofSeconds(10);

    @Bean
    ClientLimits clientLimits(RateLimitProperties properties) {
        return new ClientLimits(properties);
    }

    /**
     * A bucket document lives as long as its bucket takes to refill completely (a day at most, for message quotas)
     * and then {@link #CLOCK_ALLOWANCE} more, so idle clients leave nothing behind, and a gateway whose clock runs a
     * little ahead of the one that wrote the bucket does not take it for expired while it is still in use.
     */
    @Bean
    ProxyManager<String> rateLimitBuckets(MongoTemplate mongo) {
        var buckets = new MongoBuckets(
                mongo.getCollection(COLLECTION),
                ClientSideConfig.getDefault()
                        .withExpirationAfterWriteStrategy(
                                ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(CLOCK_ALLOWANCE)));
        return buckets;
    }

    @Bean
    MessageQuotas messageQuotas(
            ProxyManager<String> rateLimitBuckets,
            ClientLimits clientLimits,
            MeterRegistry meterRegistry,
            Clock clock) {
        return new MessageQuotas(rateLimitBuckets, clientLimits, meterRegistry, clock);
    }

    /** Runs inside the security filter chain, after authorisation, which tells whose request it is. */
    @Bean
    RequestRateFilter requestRateFilter(
            ProxyManager<String> rateLimitBuckets,
            ClientLimits clientLimits,
            ProblemResponses problems,
            MeterRegistry meterRegistry) {
        return new RequestRateFilter(rateLimitBuckets, clientLimits, problems, meterRegistry);
    }

    @Bean
    FilterRegistrationBean<RequestRateFilter> requestRateFilterNotInTheServletContainer(RequestRateFilter filter) {
        var registration = new FilterRegistrationBean<>(filter);
        registration.setEnabled(false);
        return registration;
    }
}
