package io.graphmail.gateway.idempotency;

import io.graphmail.gateway.limits.RequestBodyTooLarge;
import io.graphmail.gateway.problems.ProblemResponses;
import io.graphmail.gateway.security.AfterAuthorization;
import io.graphmail.gateway.security.AuthenticatedClient;
import io.graphmail.platform.hashing.Sha256;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.UrlPathHelper;

/**
 * {@code Idempotency-Key} for every POST under {@code /api/} (IETF httpapi idempotency-key draft):
 * the first request with a key is processed and its response kept for 24 hours; a repeat with the
 * same body gets that response again ({@code Idempotent-Replayed: true}) and causes nothing; the same
 * key with another body is 422; a repeat while the first is still being processed is 409. The key is
 * leased while its request runs: a repeat after the lease of a request whose gateway stopped lapsed is
 * processed again with the same {@link StableIds}, so it resumes what was recorded. File uploads are
 * not covered.
 */
class IdempotencyFilter extends OncePerRequestFilter implements AfterAuthorization {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

    static final String HEADER = "Idempotency-Key";
    private static final RequestMatcher API =
            PathPatternRequestMatcher.withDefaults().matcher("/api/**");
    private static final RequestMatcher UPLOADS =
            PathPatternRequestMatcher.withDefaults().matcher("/api/v1/attachments/**");
    private static final UrlPathHelper PATHS = new UrlPathHelper();

    private final IdempotencyRecords records;
    private final RenewingLeases leases;
    private final ProblemResponses problems;
    private final Clock clock;
    private final long maxBodyBytes;

    /** @param maxBodyBytes the most it holds of a body, whatever limit the request body filter gave it */
    IdempotencyFilter(
            IdempotencyRecords records,
            RenewingLeases leases,
            ProblemResponses problems,
            Clock clock,
            long maxBodyBytes) {
        this.records = records;
        this.leases = leases;
        this.problems = problems;
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * Uploads are left out: fingerprinting a body means holding it in memory, and a repeated upload
     * only stores another copy, which nothing sends unless asked to.
     */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod())
                || request.getHeader(HEADER) == null
                || !API.matches(request)
                || UPLOADS.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key.isBlank() || key.length() > 255) {
            problems.write(
                    request,
                    response,
                    HttpStatus.BAD_REQUEST,
                    "validation",
                    "Invalid request",
                    "Idempotency-Key must be 1 to 255 characters");
            return;
        }
        RepeatableBodyRequest body;
        try {
            body = new RepeatableBodyRequest(request, maxBodyBytes);
        } catch (RequestBodyTooLarge e) {
            problems.writeTooLarge(request, response, e.maxBytes());
            return;
        }
        String id = Sha256.hex(AuthenticatedClient.current().id() + "\n" + key);
        String fingerprint = fingerprint(request, body.body());
        var claim = records.claim(id, fingerprint, clock.instant());
        if (claim.isPresent()) {
            process(body, response, chain, claim.get());
            return;
        }
        var earlier = records.find(id).orElse(null);
        if (earlier == null || !earlier.fingerprint().equals(fingerprint)) {
            problems.write(
                    request,
                    response,
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "idempotency-key-reused",
                    "Idempotency-Key reused",
                    "This Idempotency-Key was already used for a different request");
        } else if (!earlier.completed()) {
            if (earlier.leaseUntil() != null) {
                long wait =
                        Duration.between(clock.instant(), earlier.leaseUntil()).toSeconds() + 1;
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, wait)));
            }
            problems.write(
                    request,
                    response,
                    HttpStatus.CONFLICT,
                    "idempotency-key-in-flight",
                    "Request in progress",
                    "A request with this Idempotency-Key is still being processed");
        } else {
            replay(earlier, response);
        }
    }

    private static String fingerprint(HttpServletRequest request, byte[] body) {
        var digest = Sha256.newDigest();
        digest.update((request.getMethod() + " " + PATHS.getPathWithinApplication(request) + "\n")
                .getBytes(StandardCharsets.UTF_8));
        digest.update(body);
        return Sha256.hex(digest);
    }

    private void process(
            RepeatableBodyRequest request,
            HttpServletResponse response,
            FilterChain chain,
            IdempotencyRecords.Claim claim)
            throws ServletException, IOException {
        var captured = new ContentCachingResponseWrapper(response);
        request.setAttribute(StableIds.ATTRIBUTE, new StableIds(claim.origin()));
        leases.hold(claim);
        boolean answered = false;
        try {
            chain.doFilter(request, captured);
            answered = true;
        } finally {
            leases.let(claim);
            // A failure or a refusal for now (429: quota) is not the answer to keep: the same request may succeed
            // later. Nor is whatever the response holds when an exception went past the handlers. The repeat resumes
            // with the same ids: a message whose broker confirm was lost must not go out twice.
            record(claim, answered, captured);
            captured.copyBodyToResponse();
        }
    }

    /**
     * Keeps the answer, or ends the lease of a request that failed. If MongoDB fails now, the caller still gets the
     * answer as it is (a 202 stays true: the message was accepted) and the lease, no longer renewed, lapses by itself:
     * a repeat is 409 until then and is processed again afterwards, with the same ids.
     */
    private void record(IdempotencyRecords.Claim claim, boolean answered, ContentCachingResponseWrapper captured) {
        try {
            if (!answered
                    || captured.getStatus() >= 500
                    || captured.getStatus() == HttpStatus.TOO_MANY_REQUESTS.value()) {
                records.lapse(claim, clock.instant());
            } else {
                records.complete(
                        claim,
                        captured.getStatus(),
                        captured.getHeader(HttpHeaders.LOCATION),
                        captured.getContentType(),
                        new String(captured.getContentAsByteArray(), StandardCharsets.UTF_8));
            }
        } catch (DataAccessResourceFailureException e) {
            log.warn(
                    "Idempotency-Key record not updated, MongoDB is unavailable; its lease lapses by itself ({})",
                    e.getClass().getSimpleName());
        }
    }

    private static void replay(IdempotencyRecord earlier, HttpServletResponse response) throws IOException {
        response.setStatus(earlier.status());
        response.setHeader("Idempotent-Replayed", "true");
        if (earlier.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, earlier.location());
        }
        if (earlier.contentType() != null) {
            response.setContentType(earlier.contentType());
        }
        response.getOutputStream().write(earlier.body().getBytes(StandardCharsets.UTF_8));
    }
}
