package io.graphmail.gateway.webhooks;

import io.graphmail.gateway.problems.Problems;
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

    static ErrorResponseException invalid(String field, String detail) {
        var problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-webhook", "Webhook refused", detail);
        problem.setProperty("field", field);
        return new ErrorResponseException(HttpStatus.UNPROCESSABLE_CONTENT, problem, null);
    }
}
