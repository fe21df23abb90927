package io.graphmail.simulator.faults;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.graphmail.simulator.web.GraphError;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * What a fault does to the requests it matches.
 *
 * @param pathPattern a path pattern such as {@code /v1.0/users/*}{@code /sendMail}, matched case-insensitively
 * @param method the HTTP method to match, or any when absent
 * @param status the status to answer with; 0 or absent only delays the request by {@code latencyMs}
 * @param count how many matching requests fail before the fault is used up; unlimited when absent
 * @param probability the chance that a matching request fails; always when absent
 * @param retryAfterSeconds the {@code Retry-After} header to send, if any
 * @param latencyMs a delay before the answer (or before the request proceeds)
 * @param errorCode the Graph error code; defaults to the one Graph sends with {@code status}
 * @param dropConnection close the connection without any answer instead of answering with a status
 * @param afterSuccess strike once the endpoint has done its work and answered 2xx, so that the work is done (a mail
 *     is sent) while the client sees a failure, a dropped connection or a late answer; other answers pass unchanged
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record FaultSpec(
        @NotBlank String pathPattern,
        String method,
        @Min(0) @Max(599) Integer status,
        @Positive Integer count,
        @DecimalMin("0") @DecimalMax("1") Double probability,
        @PositiveOrZero Integer retryAfterSeconds,
        @PositiveOrZero Long latencyMs,
        String errorCode,
        Boolean dropConnection,
        Boolean afterSuccess) {

    boolean failsRequest() {
        return status != null && status > 0;
    }

    boolean dropsConnection() {
        return Boolean.TRUE.equals(dropConnection);
    }

    boolean strikesAfterSuccess() {
        return Boolean.TRUE.equals(afterSuccess);
    }

    long latency() {
        return latencyMs == null ? 0 : latencyMs;
    }

    FaultSpec withDefaults() {
        String code = errorCode == null && failsRequest() ? GraphError.defaultCode(status) : errorCode;
        return new FaultSpec(
                pathPattern,
                method,
                status,
                count,
                probability,
                retryAfterSeconds,
                latencyMs,
                code,
                dropConnection,
                afterSuccess);
    }
}
