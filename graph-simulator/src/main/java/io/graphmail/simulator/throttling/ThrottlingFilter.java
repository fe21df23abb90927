package io.graphmail.simulator.throttling;

import io.graphmail.simulator.web.GraphErrorResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Throttles Graph requests per mailbox as Graph does: 429 with {@code Retry-After} beyond the mailbox's concurrent
 * requests or its sends per minute. Runs after the bearer check, which names the mailbox, and before faults, so that
 * a fault's latency counts as time in progress.
 */
@Component
@Order(ThrottlingFilter.ORDER)
class ThrottlingFilter extends OncePerRequestFilter {

    static final int ORDER = 30;

    private final Limits limits;
    private final Traffic traffic;
    private final GraphErrorResponses errors;

    ThrottlingFilter(Limits limits, Traffic traffic, GraphErrorResponses errors) {
        this.limits = limits;
        this.traffic = traffic;
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/v1.0/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<MailboxCall> call = MailboxCall.of(request);
        if (call.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        MailboxTraffic mailbox = traffic.of(call.get().mailbox());
        Optional<Throttled> throttled =
                mailbox.admit(limits.of(call.get().mailbox()), call.get().send(), System.nanoTime() / 1_000_000);
        if (throttled.isPresent()) {
            response.setHeader(
                    HttpHeaders.RETRY_AFTER, String.valueOf(throttled.get().retryAfterSeconds()));
            errors.write(
                    response,
                    HttpStatus.TOO_MANY_REQUESTS.value(),
                    throttled.get().code(),
                    throttled.get().message());
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            mailbox.finished();
        }
    }
}
