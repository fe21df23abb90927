package io.graphmail.gateway.ratelimits;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;

/**
 * The fields of draft-ietf-httpapi-ratelimit-headers (revision 12, November 2026): {@code RateLimit-Policy} names
 * each policy with its quota {@code q} and window {@code w} in seconds, {@code RateLimit} tells what remains of it
 * ({@code r}) and in how many seconds it is whole again ({@code t}); both are structured-field lists whose members
 * are quoted policy names, e.g. {@code RateLimit-Policy: "requests";q=100;w=2} and
 * {@code RateLimit: "requests";r=0;t=1}. {@code Retry-After} (RFC 9110) says when to try again.
 */
final class RateLimitHeaders {

    static final String POLICY = "RateLimit-Policy";
    static final String STATE = "RateLimit";

    private RateLimitHeaders() {}

    /**
     * The request policy: a token bucket of {@code burst} requests refilled at {@code requestsPerSecond}, stated as
     * its capacity per the time it takes to refill completely, so that {@code r} never exceeds {@code q}.
     */
    static void requests(HttpServletResponse response, Limits limits, long remaining, long nanosUntilFull) {
        long window = Math.max(1, ceilDiv(limits.burst(), limits.requestsPerSecond()));
        response.setHeader(POLICY, "\"requests\";q=" + limits.burst() + ";w=" + window);
        response.setHeader(STATE, "\"requests\";r=" + remaining + ";t=" + seconds(nanosUntilFull));
    }

    /** The message quota per UTC day; its unit is messages, not requests. */
    static String messagesPolicy(long quota) {
        return "\"messages\";q=" + quota + ";w=86400;qu=\"messages\"";
    }

    static String messagesState(long remaining, Duration untilReset) {
        return "\"messages\";r=" + remaining + ";t=" + seconds(untilReset.toNanos());
    }

    /** Whole seconds, rounded up: a client that waits this long is not refused for having come too early. */
    static long seconds(long nanos) {
        return nanos <= 0 ? 0 : ceilDiv(nanos, 1_000_000_000L);
    }

    private static long ceilDiv(long dividend, long divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }
}
