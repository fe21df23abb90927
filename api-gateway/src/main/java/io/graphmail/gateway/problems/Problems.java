package io.graphmail.gateway.problems;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** RFC 9457 problems with graphmail's stable type URIs ({@code https://graphmail.io/problems/<type>}). */
public final class Problems {

    private Problems() {}

    private static final String TYPES = "https://graphmail.io/problems/";

    public static ProblemDetail of(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(type));
        problem.setTitle(title);
        return problem;
    }

    /** The URI of a problem type: {@code https://graphmail.io/problems/<name>}. */
    public static URI type(String name) {
        return URI.create(TYPES + name);
    }

    /** A bug (500), naming nothing of it but the request's correlation id, under which it was logged. */
    public static ProblemDetail internal(String correlationId) {
        ProblemDetail problem =
                of(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error", "An unexpected error occurred");
        if (correlationId != null) {
            problem.setProperty("correlationId", correlationId);
        }
        return problem;
    }

    /** MongoDB out of reach (503): nothing was done, the request may be repeated. Goes with {@code Retry-After}. */
    public static ProblemDetail dependencyUnavailable() {
        return of(
                HttpStatus.SERVICE_UNAVAILABLE,
                "dependency-unavailable",
                "Temporarily unavailable",
                "The database could not be reached; try again shortly");
    }

    /** A request (400) that no operation could read; {@code detail} says what was wrong, never quoting it. */
    public static ProblemDetail malformedRequest(String detail) {
        return of(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request", detail);
    }

    /** A parameter (400) that is not UTF-8 percent-encoding or holds control characters. */
    public static ProblemDetail malformedParameter(String detail) {
        return of(HttpStatus.BAD_REQUEST, "malformed-parameter", "Malformed parameter", detail);
    }

    /** A request body over the limit of its operation (413). */
    public static ProblemDetail tooLarge(long maxBytes) {
        ProblemDetail problem = of(
                HttpStatus.CONTENT_TOO_LARGE,
                "request-too-large",
                "Request too large",
                "The request body may be at most " + maxBytes + " bytes for this operation");
        problem.setProperty("maxBytes", maxBytes);
        return problem;
    }
}
