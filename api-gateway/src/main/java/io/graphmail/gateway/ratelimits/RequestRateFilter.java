package io.graphmail.gateway.ratelimits;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.graphmail.gateway.problems.ProblemResponses;
import io.graphmail.gateway.problems.Problems;
import io.graphmail.gateway.security.AfterAuthorization;
import io.graphmail.gateway.security.ApiClient;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits each client's requests per second, across all gateway replicas, and tells it where it stands on every
 * answer. It runs after authorisation (it needs the client) and before the idempotency filter: a replayed answer
 * costs a request like any other, or repeating one Idempotency-Key would be a way around the limit.
 *
 * <p>If MongoDB cannot be asked, the request goes through (and a warning is logged): the limit protects the
 * gateway's capacity, and refusing everything while the store is away would protect nothing.
 */
final class RequestRateFilter extends OncePerRequestFilter implements AfterAuthorization, Ordered {

    private static final Logger log = LoggerFactory.getLogger(RequestRateFilter.class);

    private final ProxyManager<String> buckets;
    private final ClientLimits limits;
    private final ProblemResponses problems;
    private final MeterRegistry meterRegistry;

    RequestRateFilter(
            ProxyManager<String> buckets, ClientLimits limits, ProblemResponses problems, MeterRegistry meterRegistry) {
        this.buckets = buckets;
        this.limits = limits;
        this.problems = problems;
        this.meterRegistry = meterRegistry;
    }

    /** Before every other filter that runs after authorisation, the idempotency filter among them. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof ApiClient client)) {
            chain.doFilter(request, response);
            return;
        }
        Limits clientLimits = limits.of(client);
        if (!clientLimits.limitsRequests()) {
            chain.doFilter(request, response);
            return;
        }
        ConsumptionProbe probe;
        try {
            probe = buckets.builder()
                    .build(key(client.id(), clientLimits), () -> configuration(clientLimits))
                    .tryConsumeAndReturnRemaining(1);
        } catch (RuntimeException e) {
            log.warn("Request rate of client {} not checked, let through: {}", client.id(), e.toString());
            chain.doFilter(request, response);
            return;
        }
        RateLimitHeaders.requests(response, clientLimits, probe.getRemainingTokens(), probe.getNanosToWaitForReset());
        if (probe.isConsumed()) {
            chain.doFilter(request, response);
        } else {
            refuse(request, response, client, clientLimits, probe);
        }
    }

    private void refuse(
            HttpServletRequest request,
            HttpServletResponse response,
            ApiClient client,
            Limits clientLimits,
            ConsumptionProbe probe)
            throws IOException {
        long retryAfter = Math.max(1, RateLimitHeaders.seconds(probe.getNanosToWaitForRefill()));
        meterRegistry
                .counter("graphmail.ratelimit.refused", "policy", "requests")
                .increment();
        log.debug("Client {} is over its request rate", client.id());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        var problem = Problems.of(
                HttpStatus.TOO_MANY_REQUESTS,
                "rate-limited",
                "Too many requests",
                "This client may make " + clientLimits.requestsPerSecond() + " requests per second (bursts of "
                        + clientLimits.burst() + "); try again in " + retryAfter + " s");
        problem.setProperty("retryAfterSeconds", retryAfter);
        problems.write(request, response, problem);
    }

    /** The limits are part of the key, so changed limits take effect at once, in a fresh bucket. */
    private static String key(String clientId, Limits limits) {
        return "requests:" + clientId + ":" + limits.requestsPerSecond() + "/" + limits.burst();
    }

    private static BucketConfiguration configuration(Limits limits) {
        return BucketConfiguration.builder()
                .addLimit(limit ->
                        limit.capacity(limits.burst()).refillGreedy(limits.requestsPerSecond(), Duration.ofSeconds(1)))
                .build();
    }
}
