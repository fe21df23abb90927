package io.graphmail.simulator.faults;

import io.graphmail.simulator.web.GraphErrorResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Delays or fails matching requests before any endpoint sees them. On Graph paths it runs after the bearer check and
 * the throttle: a request they turn away is never faulted, and a fault's latency counts as time in progress.
 */
@Component
@Order(FaultInjectionFilter.ORDER)
class FaultInjectionFilter extends OncePerRequestFilter {

    static final int ORDER = 40;

    private final Faults faults;
    private final GraphErrorResponses errors;

    FaultInjectionFilter(Faults faults, GraphErrorResponses errors) {
        this.faults = faults;
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getRequestURI().startsWith("/_sim");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<FaultSpec> fault =
                faults.strike(request.getMethod(), request.getRequestURI()).map(Fault::spec);
        if (fault.isPresent()) {
            delay(fault.get().latency());
            if (fault.get().failsRequest()) {
                fail(response, fault.get());
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private void fail(HttpServletResponse response, FaultSpec fault) throws IOException {
        if (fault.retryAfterSeconds() != null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(fault.retryAfterSeconds()));
        }
        errors.write(response, fault.status(), fault.errorCode(), "Fault injected by the simulator.");
    }

    private static void delay(long millis) throws ServletException {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServletException("Interrupted while delaying a request", e);
        }
    }
}
