package io.graphmail.gateway.web;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import io.graphmail.gateway.limits.RequestBodyTooLarge;
import io.graphmail.gateway.problems.Problems;
import io.graphmail.platform.logging.CorrelationId;
import io.graphmail.platform.messaging.PublishFailed;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.json.JsonMapper;

/** Every error the API gives is RFC 9457 {@code application/problem+json} with a stable type. */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Pattern ITEM = Pattern.compile("(messages|recipients)\\[(\\d+)]\\.?(.*)");

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    private final JsonMapper jsonMapper;

    ProblemDetailsAdvice(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, Object>> errors = e.getBindingResult().getAllErrors().stream()
                .map(ProblemDetailsAdvice::describe)
                .toList();
        return ResponseEntity.badRequest().body(invalid(errors));
    }

    /**
     * A body Spring MVC could not read: past its size limit (413), or not JSON the operation takes, nested too deep
     * or with a number too long (400). The parser's message is not repeated: it may quote the body.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var tooLarge = RequestBodyTooLarge.in(e);
        if (tooLarge.isPresent()) {
            ProblemDetail problem = Problems.tooLarge(tooLarge.getAsLong());
            if (request instanceof ServletWebRequest servlet) {
                problem.setInstance(URI.create(servlet.getRequest().getRequestURI()));
            }
            // With a length rather than chunked, and the connection closed after it, a client still sending the
            // rest of the body reads the whole answer.
            byte[] body = jsonMapper.writeValueAsBytes(problem);
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                    .header(HttpHeaders.CONNECTION, "close")
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .contentLength(body.length)
                    .body(body);
        }
        return ResponseEntity.badRequest().body(Problems.malformedRequest(unreadable(e)));
    }

    private static String unreadable(HttpMessageNotReadableException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof StreamConstraintsException) {
                return "The body goes past a JSON limit (nesting depth, number or string length)";
            }
        }
        return "The body is not JSON this operation accepts";
    }

    /**
     * Spring MVC's own problems (415, 405, 406, a parameter of the wrong type…) come with type {@code about:blank};
     * they get graphmail's stable types like every other answer.
     */
    @Override
    protected ResponseEntity<Object> createResponseEntity(
            Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem && URI.create("about:blank").equals(problem.getType())) {
            problem.setType(Problems.type(typeOf(statusCode.value())));
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private static String typeOf(int status) {
        return switch (status) {
            case 400 -> "malformed-request";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 415 -> "unsupported-media-type";
            default -> "http-" + status;
        };
    }

    /** A batch item's error also names the item: {@code messages[7].to[0]} → index 7, field {@code to[0]}. */
    private static Map<String, Object> describe(ObjectError error) {
        String field = error instanceof FieldError fieldError ? fieldError.getField() : error.getObjectName();
        String message = String.valueOf(error.getDefaultMessage());
        var item = ITEM.matcher(field);
        if (item.matches()) {
            return Map.of(
                    "index",
                    Integer.parseInt(item.group(2)),
                    "field",
                    item.group(3),
                    "message",
                    message,
                    "path",
                    field);
        }
        return Map.of("field", field, "message", message);
    }

    @ExceptionHandler(PublishFailed.class)
    ResponseEntity<ProblemDetail> brokerUnavailable(PublishFailed e) {
        log.warn("Refused a request: the broker did not confirm it ({})", e.getMessage());
        return retryShortly(Problems.of(
                HttpStatus.SERVICE_UNAVAILABLE,
                "broker-unavailable",
                "Temporarily unavailable",
                "The message could not be queued and was not accepted; try again shortly"));
    }

    /** MongoDB out of reach (the driver gives up within its bounded timeouts): nothing was done, try again. */
    @ExceptionHandler({DataAccessResourceFailureException.class, MongoTimeoutException.class, MongoSocketException.class
    })
    ResponseEntity<ProblemDetail> databaseUnavailable(RuntimeException e) {
        log.warn("Refused a request: MongoDB is unavailable ({})", e.getClass().getSimpleName());
        return retryShortly(Problems.dependencyUnavailable());
    }

    /** A 503: nothing was done, and the same request may be repeated in a few seconds. */
    private static ResponseEntity<ProblemDetail> retryShortly(ProblemDetail problem) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .body(problem);
    }

    /**
     * A parameter out of its range ({@code @Min}, {@code @Max}) of a controller that Spring MVC validates itself (one
     * without {@code @Validated}); named as {@link #invalidParameter} names it.
     */
    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, Object>> errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> Map.<String, Object>of(
                                "field",
                                String.valueOf(result.getMethodParameter().getParameterName()),
                                "message",
                                String.valueOf(error.getDefaultMessage()))))
                .sorted(Comparator.comparing(error -> String.valueOf(error.get("field"))))
                .toList();
        return ResponseEntity.badRequest().body(invalid(errors));
    }

    /** A query parameter out of its range ({@code @Min}, {@code @Max} on a {@code @Validated} controller's parameter). */
    @ExceptionHandler(ConstraintViolationException.class)
    ProblemDetail invalidParameter(ConstraintViolationException e) {
        List<Map<String, Object>> errors = e.getConstraintViolations().stream()
                .map(violation -> Map.<String, Object>of(
                        "field", parameterName(violation.getPropertyPath()), "message", violation.getMessage()))
                .sorted(Comparator.comparing(error -> String.valueOf(error.get("field"))))
                .toList();
        return invalid(errors);
    }

    /** A 400 {@code validation} problem listing the errors; its detail names a batch item's error by its path. */
    private static ProblemDetail invalid(List<Map<String, Object>> errors) {
        ProblemDetail problem = Problems.of(
                HttpStatus.BAD_REQUEST,
                "validation",
                "Invalid request",
                errors.isEmpty()
                        ? "The request is not valid"
                        : errors.stream()
                                .map(error ->
                                        error.getOrDefault("path", error.get("field")) + ": " + error.get("message"))
                                .collect(Collectors.joining("; ")));
        problem.setProperty("errors", errors);
        return problem;
    }

    private static String parameterName(Path path) {
        String name = "";
        for (Path.Node node : path) {
            name = String.valueOf(node.getName());
        }
        return name;
    }

    /**
     * A form body's parameter Tomcat could not decode (the query string's are refused earlier, by name). Tomcat's
     * message is not repeated: it quotes the value.
     */
    @ExceptionHandler(InvalidParameterException.class)
    ProblemDetail undecodableParameter(InvalidParameterException e) {
        return Problems.malformedParameter("A parameter is not UTF-8 percent-encoding");
    }

    /** A multipart body that cannot be read; one over the size limit is answered 413 above. */
    @ExceptionHandler(MultipartException.class)
    ProblemDetail unreadableMultipart(MultipartException e) {
        return Problems.malformedRequest("The multipart body could not be read (its boundary or parts are malformed)");
    }

    /** A bug: logged once, with the request's correlation id, which the answer also carries. */
    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("Unexpected error (correlation id {})", CorrelationId.current(), e);
        return Problems.internal(CorrelationId.current());
    }
}
