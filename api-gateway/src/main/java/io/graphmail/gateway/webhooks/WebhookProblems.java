package io.graphmail.gateway.webhooks;

import io.graphmail.gateway.problems.Problems;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** Problems of the webhooks API. */
final class WebhookProblems {

    private WebhookProblems() {}

    static ErrorResponseException notFound(String what, String id) {
        return new ErrorResponseException(
                HttpStatus.NOT_FOUND,
                Problems.of(HttpStatus.NOT_FOUND, what + "-not-found", "Not found", "No " + what + " with id " + id),
                null);
    }

    /** An input error (400 {@code validation}), named as the validation of the request body names its fields. */
    static ErrorResponseException validation(String field, String message) {
        var problem = Problems.of(HttpStatus.BAD_REQUEST, "validation", "Invalid request", field + ": " + message);
        problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }

    /** A well-formed request graphmail refuses (422 {@code invalid-webhook}), e.g. a URL that points inside. */
    static ErrorResponseException invalid(String field, String detail) {
        var problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-webhook", "Webhook refused", detail);
        problem.setProperty("field", field);
        problem.setProperty("errors", List.of(Map.of("field", field, "message", detail)));
        return new ErrorResponseException(HttpStatus.UNPROCESSABLE_CONTENT, problem, null);
    }
}
