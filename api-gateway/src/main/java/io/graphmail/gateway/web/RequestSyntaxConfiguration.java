package io.graphmail.gateway.web;

import io.graphmail.gateway.problems.ProblemResponses;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class RequestSyntaxConfiguration {

    /** Right after the correlation id is set, before anything reads a parameter or the body. */
    @Bean
    FilterRegistrationBean<RequestSyntaxFilter> requestSyntaxFilter(ProblemResponses problems) {
        var registration = new FilterRegistrationBean<>(new RequestSyntaxFilter(problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 6);
        return registration;
    }
}
