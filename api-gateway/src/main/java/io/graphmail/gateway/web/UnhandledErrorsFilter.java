package io.graphmail.gateway.web;

import io.graphmail.gateway.problems.ProblemResponses;
import io.graphmail.gateway.problems.Problems;
import io.graphmail.logging.CorrelationId;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * An exception no handler answered (one thrown by a filter; Spring MVC's are answered by the problem advice) is a
 * bug: logged once at ERROR while the correlation id is still current, and answered as a 500 problem carrying it,
 * instead of reaching Tomcat, which would log it again without the id.
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
            log.error("Unexpected error (correlation id {})", CorrelationId.current(), e);
            if (!response.isCommitted()) {
                response.resetBuffer();
                problems.write(null, response, Problems.internal(CorrelationId.current()));
            }
        }
    }
}
