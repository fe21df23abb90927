package io.graphmail.gateway.idempotency;

import io.graphmail.gateway.limits.RequestBodyLimits;
import io.graphmail.gateway.problems.ProblemResponses;
import java.time.Clock;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class IdempotencyConfiguration {

    /** Runs inside the security filter chain, after authorisation, which tells whose key it is. */
    @Bean
    IdempotencyFilter idempotencyFilter(
            IdempotencyRecords records,
            RenewingLeases leases,
            ProblemResponses problems,
            Clock clock,
            RequestBodyLimits limits) {
        return new IdempotencyFilter(records, leases, problems, clock, limits.largest());
    }

    @Bean
    RenewingLeases renewingLeases(IdempotencyRecords records, Clock clock, IdempotencyProperties properties) {
        return new RenewingLeases(records, clock, properties);
    }

    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilterNotInTheServletContainer(IdempotencyFilter filter) {
        var registration = new FilterRegistrationBean<>(filter);
        registration.setEnabled(false);
        return registration;
    }
}
