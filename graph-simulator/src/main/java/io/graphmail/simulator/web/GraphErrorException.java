package io.graphmail.simulator.web;

import org.springframework.http.HttpStatus;

/** Ends a request with a Graph error; {@link GraphErrorAdvice} renders it. */
public class GraphErrorException extends RuntimeException {

    private final HttpStatus status;
    private final String code;

    public GraphErrorException(HttpStatus status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public static GraphErrorException badRequest(String code, String message) {
        return new GraphErrorException(HttpStatus.BAD_REQUEST, code, message);
    }

    public static GraphErrorException notFound(String message) {
        return new GraphErrorException(HttpStatus.NOT_FOUND, "ErrorItemNotFound", message);
    }

    public HttpStatus status() {
        return status;
    }

    public GraphError body() {
        return GraphError.of(code, getMessage());
    }
}
