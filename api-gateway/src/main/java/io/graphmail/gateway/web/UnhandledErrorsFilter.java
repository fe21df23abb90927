package io.graphmail.gateway.web;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import io.graphmail.gateway.problems.ProblemResponses;
import io.graphmail.gateway.problems.Problems;
import io.graphmail.platform.logging.CorrelationId;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * An exception no handler answered (one thrown by a filter; Spring MVC's are answered by the problem advice) is a
 * bug: logged once at ERROR while the correlation id is still current, and answered as a 500 problem carrying it,
 * instead of reaching Tomcat, which would log it again without the id. MongoDB out of reach is no bug: it is answered
 * 503 {@code dependency-unavailable} with {@code Retry-After}, as the problem advice answers it.
 */
class UnhandledErrorsFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(UnhandledErrorsFilter.class);

    private final ProblemResponses problems;

    UnhandledErrorsFilter(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (RuntimeException | ServletException e) {
            if (mongoUnavailable(e)) {
                // A filter's own MongoDB call (an Idempotency-Key's record) failed: the same answer the problem
                // advice gives when a controller's does, not a bug.
                log.warn(
                        "Refused a request: MongoDB is unavailable ({})",
                        e.getClass().getSimpleName());
                if (!response.isCommitted()) {
                    response.resetBuffer();
                    response.setHeader(HttpHeaders.RETRY_AFTER, "5");
                    problems.write(null, response, Problems.dependencyUnavailable());
                }
                return;
            }
            log.error("Unexpected error (correlation id {})", CorrelationId.current(), e);
            if (!response.isCommitted()) {
                response.resetBuffer();
                problems.write(null, response, Problems.internal(CorrelationId.current()));
            }
        }
    }

    private static boolean mongoUnavailable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException
                    || cause instanceof MongoTimeoutException
                    || cause instanceof MongoSocketException) {
                return true;
            }
        }
        return false;
    }
}
