package io.graphmail.gateway.send;

import io.graphmail.gateway.problems.Problems;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A send naming an upload or a message that does not resolve, uploads too large for one message, or a batch template
 * that does not render for some recipients.
 * Its {@code errors} name each place as validation errors do: {@code {field, message}}, and for a
 * batch's item also its {@code index} and {@code path}.
 */
public class ReferenceProblem extends ErrorResponseException {

    private static final int ERRORS_IN_DETAIL = 10;

    private ReferenceProblem(HttpStatus status, String type, String title, List<Map<String, Object>> errors) {
        super(status, problem(status, type, title, errors), null);
    }

    /** Where in a request an id was given: the request itself, the batch template, or a batch item. */
    public record Place(Integer index, String prefix) {

        public static final Place REQUEST = new Place(null, "");
        public static final Place TEMPLATE = new Place(null, "template.");

        public static Place item(int index) {
            return new Place(index, "messages[" + index + "].");
        }

        public static Place recipient(int index) {
            return new Place(index, "recipients[" + index + "].");
        }

        Map<String, Object> error(String field, String message) {
            var error = new LinkedHashMap<String, Object>();
            if (index != null) {
                error.put("index", index);
                error.put("field", field);
                error.put("path", prefix + field);
            } else {
                error.put("field", prefix + field);
            }
            error.put("message", message);
            return error;
        }
    }

    /** Errors gathered over a whole request, so that one answer names every bad reference. */
    public static final class Errors {

        private final List<Map<String, Object>> errors = new ArrayList<>();

        public void add(Place place, String field, String message) {
            errors.add(place.error(field, message));
        }

        public boolean isEmpty() {
            return errors.isEmpty();
        }

        public void throwIfAny(HttpStatus status, String type, String title) {
            if (!errors.isEmpty()) {
                throw new ReferenceProblem(status, type, title, List.copyOf(errors));
            }
        }
    }

    private static ProblemDetail problem(
            HttpStatus status, String type, String title, List<Map<String, Object>> errors) {
        String detail = errors.stream()
                .limit(ERRORS_IN_DETAIL)
                .map(error -> error.getOrDefault("path", error.get("field")) + ": " + error.get("message"))
                .collect(Collectors.joining("; "));
        if (errors.size() > ERRORS_IN_DETAIL) {
            detail += "; and " + (errors.size() - ERRORS_IN_DETAIL) + " more";
        }
        ProblemDetail problem = Problems.of(status, type, title, detail);
        problem.setProperty("errors", errors);
        return problem;
    }
}
