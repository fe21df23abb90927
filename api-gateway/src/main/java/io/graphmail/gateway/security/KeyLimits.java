package io.graphmail.gateway.security;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.Min;

/**
 * Limits an issued key carries for its requests, instead of its client's. Each value: {@code null} or {@code 0}
 * keeps the client's limit, {@code -1} lifts it, anything else replaces it.
 *
 * @param requestsPerSecond sustained requests per second
 * @param burst requests that may come at once
 * @param messagesPerDay messages per UTC day
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KeyLimits(
        @Min(-1) Long requestsPerSecond,
        @Min(0) Long burst,
        @Min(-1) Long messagesPerDay) {

    public static final KeyLimits NONE = new KeyLimits(null, null, null);

    public boolean isNone() {
        return NONE.equals(normalised());
    }

    public KeyLimits normalised() {
        return new KeyLimits(orNull(requestsPerSecond), orNull(burst), orNull(messagesPerDay));
    }

    private static Long orNull(Long value) {
        return value == null || value == 0 ? null : value;
    }
}
