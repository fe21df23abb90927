package io.graphmail.simulator.requests;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriUtils;

/** Counts every simulated request, including those a fault or the bearer check turns away. */
@Component
@Order(RequestCountingFilter.ORDER)
class RequestCountingFilter extends OncePerRequestFilter {

    static final int ORDER = 0;

    private final RequestCounts counts;

    RequestCountingFilter(RequestCounts counts) {
        this.counts = counts;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.startsWith("/_sim") || path.startsWith("/actuator");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        counts.record(request.getMethod(), UriUtils.decode(request.getRequestURI(), StandardCharsets.UTF_8));
        chain.doFilter(request, response);
    }
}
