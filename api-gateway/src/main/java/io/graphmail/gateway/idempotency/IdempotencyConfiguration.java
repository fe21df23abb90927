package io.graphmail.gateway.idempotency;

import io.graphmail.gateway.web.ProblemResponses;
import io.graphmail.gateway.web.RequestBodyLimits;
import java.time.Clock;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class IdempotencyConfiguration {

    /** After the API key filter, which tells whose key it is. */
    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(
            IdempotencyRecords records, ProblemResponses problems, Clock clock, RequestBodyLimits limits) {
        var registration =
                new FilterRegistrationBean<>(new IdempotencyFilter(records, problems, clock, limits.largest()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }
}
