package io.graphmail.worker.graph;

import com.microsoft.kiota.ApiException;
import java.time.Duration;
import java.util.Set;

/** Reads Graph's {@code Retry-After} header, which Graph always gives in seconds. */
final class RetryAfter {

    private RetryAfter() {}

    static Duration of(ApiException e) {
        if (e.getResponseHeaders() == null) {
            return null;
        }
        Set<String> values = e.getResponseHeaders().get("Retry-After");
        if (values == null || values.isEmpty()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(values.iterator().next().trim()));
        } catch (NumberFormatException notSeconds) {
            return null;
        }
    }
}
