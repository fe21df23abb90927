package io.graphmail.simulator.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The body Microsoft Graph answers errors with. */
public record GraphError(Detail error) {

    public record Detail(String code, String message, InnerError innerError) {}

    /** Graph's inner error: the ids of the request that failed, and when. */
    public record InnerError(
            @JsonProperty("request-id") String requestId,
            @JsonProperty("client-request-id") String clientRequestId,
            String date) {}

    /** An error of the request being answered, with its {@code request-id} and {@code client-request-id}. */
    public static GraphError of(String code, String message) {
        var ids = RequestIds.current();
        var inner = new InnerError(
                ids.requestId(),
                ids.clientRequestId(),
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
