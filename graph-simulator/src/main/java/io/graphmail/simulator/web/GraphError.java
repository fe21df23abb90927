package io.graphmail.simulator.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** The body Microsoft Graph answers errors with. */
public record GraphError(Detail error) {

    public record Detail(String code, String message, InnerError innerError) {}

    public record InnerError(@JsonProperty("request-id") String requestId, String date) {}

    public static GraphError of(String code, String message) {
        var inner = new InnerError(
                UUID.randomUUID().toString(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        return new GraphError(new Detail(code, message, inner));
    }

    /** The code Graph typically sends with a status, for faults that do not name one. */
    public static String defaultCode(int status) {
        return switch (status) {
            case 400 -> "ErrorInvalidRequest";
            case 401 -> "InvalidAuthenticationToken";
            case 403 -> "ErrorAccessDenied";
            case 404 -> "ErrorItemNotFound";
            case 429 -> "TooManyRequests";
            case 503 -> "ServiceUnavailable";
            case 504 -> "GatewayTimeout";
            default -> status >= 500 ? "InternalServerError" : "BadRequest";
        };
    }
}
