package io.graphmail.gateway.problems;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes problem+json from servlet filters, which run before Spring MVC's exception handling. */
@Component
public class ProblemResponses {

    private final JsonMapper jsonMapper;

    ProblemResponses(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    public void write(
            HttpServletRequest request,
            HttpServletResponse response,
            HttpStatus status,
            String type,
            String title,
            String detail)
            throws IOException {
        write(request, response, Problems.of(status, type, title, detail));
    }

    /**
     * Answers 413 for a body over its limit, found before Spring MVC. The connection is closed afterwards: the rest
     * of the body is not worth reading.
     */
    public void writeTooLarge(HttpServletRequest request, HttpServletResponse response, long maxBytes)
            throws IOException {
        response.setHeader(HttpHeaders.CONNECTION, "close");
        write(request, response, Problems.tooLarge(maxBytes));
    }

    /** @param request the request the problem is about, named as its instance; {@code null} to name none */
    public void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        if (request != null) {
            instance(request.getRequestURI(), problem);
        }
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        // With a length rather than chunked, a client still sending a body it was refused reads the whole answer.
        byte[] body = jsonMapper.writeValueAsBytes(problem);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    private static void instance(String path, ProblemDetail problem) {
        try {
            problem.setInstance(URI.create(path));
        } catch (IllegalArgumentException notAUri) {
            // A path that is no URI reference is left out rather than echoed.
        }
    }
}
