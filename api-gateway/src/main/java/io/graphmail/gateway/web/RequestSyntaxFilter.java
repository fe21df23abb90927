package io.graphmail.gateway.web;

import io.graphmail.gateway.problems.ProblemResponses;
import io.graphmail.gateway.problems.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before anything reads them, a path or query string that is not UTF-8 percent-encoding or holds control
 * characters (400 naming the parameter), and a body whose {@code Content-Type} is a wildcard (415). No operation takes
 * such input, and deeper down it fails in ways that are hard to report: Tomcat throws for an undecodable parameter,
 * MongoDB for a NUL, Spring for a wildcard content type.
 */
class RequestSyntaxFilter extends OncePerRequestFilter {

    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

    private final ProblemResponses problems;

    RequestSyntaxFilter(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<ProblemDetail> problem = pathProblem(request.getRequestURI())
                .or(() -> queryProblem(request.getQueryString()))
                .or(() -> contentTypeProblem(request));
        if (problem.isPresent()) {
            problems.write(null, response, problem.get());
            return;
        }
        chain.doFilter(request, response);
    }

    private static Optional<ProblemDetail> pathProblem(String path) {
        if (path == null
                || PercentDecoding.decode(path, false)
                        .filter(PercentDecoding::isClean)
                        .isPresent()) {
            return Optional.empty();
        }
        return Optional.of(
                Problems.malformedRequest("The path is not UTF-8 percent-encoding or holds control characters"));
    }

    private static Optional<ProblemDetail> queryProblem(String query) {
        if (query == null || query.isEmpty()) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            Optional<String> name = PercentDecoding.decode(equals < 0 ? pair : pair.substring(0, equals), true)
                    .filter(PercentDecoding::isClean);
            if (name.isEmpty()) {
                return Optional.of(malformedParameter(null, "A query parameter's name"));
            }
            if (equals >= 0
                    && PercentDecoding.decode(pair.substring(equals + 1), true)
                            .filter(PercentDecoding::isClean)
                            .isEmpty()) {
                return Optional.of(malformedParameter(name.get(), "Query parameter '" + shortened(name.get()) + "'"));
            }
        }
        return Optional.empty();
    }

    private static ProblemDetail malformedParameter(String name, String what) {
        ProblemDetail problem =
                Problems.malformedParameter(what + " is not UTF-8 percent-encoding or holds control characters");
        if (name != null) {
            problem.setProperty("parameter", shortened(name));
        }
        return problem;
    }

    private static Optional<ProblemDetail> contentTypeProblem(HttpServletRequest request) {
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType == null || !WITH_BODY.contains(request.getMethod())) {
            return Optional.empty();
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            if (!type.isWildcardType() && !type.isWildcardSubtype()) {
                return Optional.empty();
            }
        } catch (InvalidMediaTypeException e) {
            return Optional.empty(); // Spring MVC answers 415 for it, naming what it could not parse
        }
        ProblemDetail problem = Problems.of(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "unsupported-media-type",
                "Unsupported media type",
                "Content-Type must name one media type, such as application/json, not a wildcard");
        return Optional.of(problem);
    }

    private static String shortened(String name) {
        return name.length() > 64 ? name.substring(0, 64) + "…" : name;
    }
}
