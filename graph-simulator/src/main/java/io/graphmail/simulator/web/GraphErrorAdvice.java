package io.graphmail.simulator.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.util.pattern.PatternParseException;

@RestControllerAdvice
class GraphErrorAdvice {

    @ExceptionHandler
    ResponseEntity<GraphError> graphError(GraphErrorException e) {
        return respond(e.status(), e.body());
    }

    @ExceptionHandler
    ResponseEntity<GraphError> unreadable(HttpMessageNotReadableException e) {
        return respond(
                HttpStatus.BAD_REQUEST, GraphError.of("ErrorInvalidRequest", "Unable to read JSON request payload."));
    }

    @ExceptionHandler
    ResponseEntity<GraphError> invalid(MethodArgumentNotValidException e) {
        var field = e.getBindingResult().getFieldErrors().stream()
                .findFirst()
                .map(error -> "'" + error.getField() + "' " + error.getDefaultMessage())
                .orElse("The request is invalid.");
        return respond(HttpStatus.BAD_REQUEST, GraphError.of("ErrorInvalidRequest", field));
    }

    @ExceptionHandler
    ResponseEntity<GraphError> unknownSegment(NoResourceFoundException e) {
        return respond(
                HttpStatus.BAD_REQUEST,
                GraphError.of("BadRequest", "Resource not found for the segment '" + e.getResourcePath() + "'."));
    }

    @ExceptionHandler
    ResponseEntity<GraphError> badPattern(PatternParseException e) {
        return respond(HttpStatus.BAD_REQUEST, GraphError.of("ErrorInvalidRequest", e.getMessage()));
    }

    private static ResponseEntity<GraphError> respond(HttpStatus status, GraphError body) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body);
    }
}
