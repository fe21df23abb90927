package io.graphmail.gateway.problems;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** RFC 9457 problems with graphmail's stable type URIs ({@code https://graphmail.io/problems/<type>}). */
public final class Problems {

    private Problems() {}

    public static ProblemDetail of(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://graphmail.io/problems/" + type));
        problem.setTitle(title);
        return problem;
    }
}
