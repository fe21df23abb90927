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
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Delays, fails or drops matching requests, before any endpoint sees them or, for faults that strike after success,
 * once the endpoint has done its work: its answer is then held back until the fault has had its say. On Graph paths
 * it runs after the bearer check and the throttle: a request they turn away is never faulted, and a fault's latency
 * counts as time in progress.
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
        String method = request.getMethod();
        String path = request.getRequestURI();
        Optional<FaultSpec> before = faults.strike(method, path, false).map(Fault::spec);
        if (before.isPresent() && strike(before.get(), request, response)) {
            return;
        }
        if (!faults.anyAfterSuccess(method, path)) {
            chain.doFilter(request, response);
            return;
        }
        var held = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, held);
        Optional<FaultSpec> after =
                held.getStatus() / 100 == 2 ? faults.strike(method, path, true).map(Fault::spec) : Optional.empty();
        if (after.isPresent() && strike(after.get(), request, response)) {
            return;
        }
        held.copyBodyToResponse();
    }

    /** Applies the fault's latency, then its failure if it has one; answers whether it ended the request. */
    private boolean strike(FaultSpec fault, HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        delay(fault.latency());
        if (fault.dropsConnection()) {
            ConnectionDrops.drop(request);
            return true;
        }
        if (fault.failsRequest()) {
            response.reset();
            fail(response, fault);
            return true;
        }
        return false;
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
