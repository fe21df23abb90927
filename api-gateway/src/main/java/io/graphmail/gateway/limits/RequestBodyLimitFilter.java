package io.graphmail.gateway.limits;

import io.graphmail.gateway.problems.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps request bodies before anything buffers them: a declared {@code Content-Length} over the limit is refused at
 * once, and a body without one (chunked) fails as soon as it has gone past the limit. Either way the answer is 413
 * problem+json. The path is the decoded, normalised one Spring MVC routes on.
 */
class RequestBodyLimitFilter extends OncePerRequestFilter {

    private final RequestBodyLimits limits;
    private final ProblemResponses problems;

    RequestBodyLimitFilter(RequestBodyLimits limits, ProblemResponses problems) {
        this.limits = limits;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        DataSize limit = limits.forPath(path(request));
        if (limit == null) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentLengthLong() > limit.toBytes()) {
            refuse(request, response, limit.toBytes());
            return;
        }
        chain.doFilter(new LimitedBodyRequest(request, limit.toBytes()), response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, long maxBytes) throws IOException {
        problems.writeTooLarge(request, response, maxBytes);
    }

    private static String path(HttpServletRequest request) {
        String info = request.getPathInfo();
        return request.getServletPath() + (info == null ? "" : info);
    }
}
