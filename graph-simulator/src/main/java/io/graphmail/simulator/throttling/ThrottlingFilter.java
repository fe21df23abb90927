package io.graphmail.simulator.throttling;

import io.graphmail.simulator.SimulatorProperties;
import io.graphmail.simulator.uploads.UploadSessionOwners;
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
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Throttles requests per app and mailbox as Outlook does: 429 with {@code Retry-After} beyond the concurrent requests,
 * or the requests or uploaded bytes of the sliding windows. Exchange's sending limits (messages per minute) are no
 * throttling: over them mail is accepted and delivered late. Graph requests are
 * counted after the bearer check, which names the app and mailbox; requests to upload URLs for the app and mailbox
 * that opened the session. Runs before faults, so that a fault's latency counts as time in progress. A request stops
 * counting before its answer leaves, as a client sees it: one whose answer has arrived is over.
 */
@Component
@Order(ThrottlingFilter.ORDER)
class ThrottlingFilter extends OncePerRequestFilter {

    static final int ORDER = 30;

    private final Limits limits;
    private final Traffic traffic;
    private final UploadSessionOwners uploadOwners;
    private final GraphErrorResponses errors;
    private final SimulatorProperties properties;

    ThrottlingFilter(
            Limits limits,
            Traffic traffic,
            UploadSessionOwners uploadOwners,
            GraphErrorResponses errors,
            SimulatorProperties properties) {
        this.limits = limits;
        this.traffic = traffic;
        this.uploadOwners = uploadOwners;
        this.errors = errors;
        this.properties = properties;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return properties.lenient()
                || !path.startsWith(MailboxCall.GRAPH_ROOT) && !path.startsWith(MailboxCall.UPLOAD_ROOT);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<MailboxCall> call = request.getRequestURI().startsWith(MailboxCall.UPLOAD_ROOT)
                ? MailboxCall.ofUpload(request, uploadOwners)
                : MailboxCall.ofGraph(request);
        if (call.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        MailboxTraffic mailbox = traffic.of(call.get().app(), call.get().mailbox());
        String name = request.getMethod() + " " + request.getRequestURI();
        Optional<Throttled> throttled = mailbox.admit(
                limits.of(call.get().mailbox()),
                limits.windows(),
                call.get().send(),
                call.get().uploadBytes(),
                System.nanoTime() / 1_000_000,
                name);
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
        // The answer is held until the request has stopped counting: a client may ask again the moment it arrives.
        var answer = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, answer);
        } finally {
            mailbox.finished(name);
        }
        answer.copyBodyToResponse();
    }
}
