package io.graphmail.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.gateway.GatewayAloneTests;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/** A bug outside Spring MVC (in a filter) is a 500 problem, logged once at ERROR with the correlation id. */
@ExtendWith(OutputCaptureExtension.class)
@Import(UnhandledErrorsIntegrationTests.FailingFilter.class)
class UnhandledErrorsIntegrationTests extends GatewayAloneTests {

    @Test
    void anExceptionFromAFilterIsA500ProblemLoggedOnceAtErrorWithTheCorrelationId(CapturedOutput output) {
        String correlationId = "filter-bug-" + UUID.randomUUID();
        int logged = output.getAll().length();

        var response = api.get("/api/v1/accounts", "X-Test-Fail", "yes", "X-Request-Id", correlationId);

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.header("X-Request-Id")).isEqualTo(correlationId);
        assertThat(response.text("type")).isEqualTo("https://graphmail.io/problems/internal");
        assertThat(response.text("correlationId")).isEqualTo(correlationId);
        assertThat(response.body()).doesNotContain("a bug in a filter");
        assertThat(output.getAll().substring(logged).lines().filter(line -> line.contains(" ERROR ")))
                .singleElement(InstanceOfAssertFactories.STRING)
                .contains(correlationId);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class FailingFilter {

        @Bean
        FilterRegistrationBean<OncePerRequestFilter> failingFilter() {
            var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
                @Override
                protected void doFilterInternal(
                        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                        throws ServletException, IOException {
                    if (request.getHeader("X-Test-Fail") != null) {
                        throw new IllegalStateException("a bug in a filter");
                    }
                    chain.doFilter(request, response);
                }
            });
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 9);
            return registration;
        }
    }
}
