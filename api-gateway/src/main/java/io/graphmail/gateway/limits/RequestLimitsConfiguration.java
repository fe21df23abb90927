package io.graphmail.gateway.limits;

import io.graphmail.gateway.problems.ProblemResponses;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class RequestLimitsConfiguration {

    /** Before every filter that could read a body (the idempotency filter fingerprints it). */
    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(
            RequestBodyLimits limits, ProblemResponses problems) {
        var registration = new FilterRegistrationBean<>(new RequestBodyLimitFilter(limits, problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 8);
        return registration;
    }
}
