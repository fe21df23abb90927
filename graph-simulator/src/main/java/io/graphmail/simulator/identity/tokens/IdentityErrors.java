package io.graphmail.simulator.identity.tokens;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.graphmail.simulator.identity.IdentityError;
import io.graphmail.simulator.identity.devicecode.DeviceCodeController;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Renders {@link IdentityError}s as Entra ID does, echoing the client's {@code client-request-id}. */
@RestControllerAdvice(assignableTypes = {TokenController.class, DeviceCodeController.class})
class IdentityErrors {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    @ExceptionHandler
    ResponseEntity<Body> identityError(IdentityError e, HttpServletRequest request) {
        String correlationId = request.getHeader("client-request-id");
        String correlation = correlationId == null ? UUID.randomUUID().toString() : correlationId;
        String traceId = UUID.randomUUID().toString();
        String timestamp = TIMESTAMP.format(Instant.now());
        String description = "AADSTS%d: %s Trace ID: %s Correlation ID: %s Timestamp: %s"
                .formatted(e.code(), e.getMessage(), traceId, correlation, timestamp);
        var body = new Body(
                e.error(),
                description,
                List.of(e.code()),
                timestamp,
                traceId,
                correlation,
                "https://login.microsoftonline.com/error?code=" + e.code());
        return ResponseEntity.status(e.status())
                .contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.noStore())
                .body(body);
    }

    record Body(
            String error,
            @JsonProperty("error_description") String errorDescription,
            @JsonProperty("error_codes") List<Long> errorCodes,
            String timestamp,
            @JsonProperty("trace_id") String traceId,
            @JsonProperty("correlation_id") String correlationId,
            @JsonProperty("error_uri") String errorUri) {}
}
