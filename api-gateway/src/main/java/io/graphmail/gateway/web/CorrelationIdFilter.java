package io.graphmail.gateway.web;

import io.graphmail.platform.logging.CorrelationId;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a correlation id: the caller's {@code X-Request-Id} when it is an acceptable one, a new UUID
 * otherwise. It is current while the request is handled (in its log lines and in every message published
 * meanwhile) and comes back in the response's {@code X-Request-Id}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class CorrelationIdFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Request-Id";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = CorrelationId.acceptOrCreate(request.getHeader(HEADER));
        response.setHeader(HEADER, id);
        try (var scope = CorrelationId.open(id)) {
            chain.doFilter(request, response);
        }
    }
}
