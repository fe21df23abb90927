package io.graphmail.gateway.ratelimits;

import io.graphmail.gateway.problems.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** An exhausted message quota as 429 problem+json; ahead of the general advice, whose catch-all would take it. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class QuotaProblems {

    @ExceptionHandler(QuotaExceeded.class)
    ResponseEntity<ProblemDetail> quotaExceeded(QuotaExceeded e) {
        long retryAfter = Math.max(1, RateLimitHeaders.seconds(e.untilReset.toNanos()));
        ProblemDetail problem = Problems.of(
                HttpStatus.TOO_MANY_REQUESTS,
                "quota-exceeded",
                "Message quota exceeded",
                "This client may send " + e.quota + " messages per day (UTC); " + e.remaining
                        + " remain today and this request has " + e.requested);
        problem.setProperty("quota", e.quota);
        problem.setProperty("remaining", e.remaining);
        problem.setProperty("retryAfterSeconds", retryAfter);
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter))
                .header(RateLimitHeaders.POLICY, RateLimitHeaders.messagesPolicy(e.quota))
                .header(RateLimitHeaders.STATE, RateLimitHeaders.messagesState(e.remaining, e.untilReset))
                .body(problem);
    }
}
