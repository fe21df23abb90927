package io.graphmail.gateway.web;

import io.graphmail.gateway.accounts.AccountConflict;
import io.graphmail.gateway.accounts.AccountNotFound;
import io.graphmail.gateway.accounts.ConsentUnavailable;
import io.graphmail.gateway.send.MailNotFound;
import io.graphmail.messaging.PublishFailed;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every error the API gives is RFC 9457 {@code application/problem+json} with a stable type. */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = e.getBindingResult().getAllErrors().stream()
                .map(error -> Map.of(
                        "field",
                        error instanceof FieldError field ? field.getField() : error.getObjectName(),
                        "message",
                        String.valueOf(error.getDefaultMessage())))
                .toList();
        ProblemDetail problem = problem(
                HttpStatus.BAD_REQUEST,
                "validation",
                "Invalid request",
                errors.stream()
                        .map(err -> err.get("field") + ": " + err.get("message"))
                        .reduce((a, b) -> a + "; " + b)
                        .orElse("The request is not valid"));
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(MailNotFound.class)
    ProblemDetail notFound(MailNotFound e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
    }

    @ExceptionHandler(AccountNotFound.class)
    ProblemDetail accountNotFound(AccountNotFound e) {
        return problem(HttpStatus.NOT_FOUND, "account-not-found", "Account not found", e.getMessage());
    }

    @ExceptionHandler(AccountConflict.class)
    ProblemDetail accountConflict(AccountConflict e) {
        return problem(HttpStatus.CONFLICT, "account-conflict", "Conflict", e.getMessage());
    }

    @ExceptionHandler(ConsentUnavailable.class)
    ResponseEntity<ProblemDetail> consentUnavailable(ConsentUnavailable e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .body(problem(
                        HttpStatus.SERVICE_UNAVAILABLE, "consent-unavailable", "Consent unavailable", e.getMessage()));
    }

    @ExceptionHandler(PublishFailed.class)
    ResponseEntity<ProblemDetail> brokerUnavailable(PublishFailed e) {
        log.warn("Refused a request: the broker did not confirm it ({})", e.getMessage());
        ProblemDetail problem = problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "broker-unavailable",
                "Temporarily unavailable",
                "The message could not be queued and was not accepted; try again shortly");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .body(problem);
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("Unexpected error", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error", "An unexpected error occurred");
    }

    static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://graphmail.io/problems/" + type));
        problem.setTitle(title);
        return problem;
    }
}
