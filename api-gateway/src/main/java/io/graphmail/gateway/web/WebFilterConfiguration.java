package io.graphmail.gateway.web;

import io.graphmail.gateway.problems.ProblemResponses;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class WebFilterConfiguration {

    /** Right after the correlation id is set, around every other filter. */
    @Bean
    FilterRegistrationBean<UnhandledErrorsFilter> unhandledErrorsFilter(ProblemResponses problems) {
        var registration = new FilterRegistrationBean<>(new UnhandledErrorsFilter(problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 6);
        return registration;
    }

    /** Before anything reads a parameter or the body. */
    @Bean
    FilterRegistrationBean<RequestSyntaxFilter> requestSyntaxFilter(ProblemResponses problems) {
        var registration = new FilterRegistrationBean<>(new RequestSyntaxFilter(problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 7);
        return registration;
    }
}
