package io.graphmail.worker.accounts.tokens;

import io.graphmail.worker.accounts.AccountSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code graphmail_token_requests_total{flow, result}}: token requests that went past the in-memory
 * access token to msal4j, i.e. refreshes (delegated) and new client-credentials tokens (application).
 * {@code result} is {@code acquired}, {@code reauth_required} (the refresh token was refused; the
 * account needs consent again) or {@code failed} (anything else: identity endpoint down, bad secret).
 * Every combination is registered up front so failure rates read 0 rather than no data.
 */
@Component
class TokenRequestMetrics {

    static final String ACQUIRED = "acquired";
    static final String REAUTH_REQUIRED = "reauth_required";
    static final String FAILED = "failed";

    private final Map<String, Counter> counters = new HashMap<>();

    TokenRequestMetrics(MeterRegistry meterRegistry) {
        for (String flow : List.of("delegated", "application")) {
            for (String result : List.of(ACQUIRED, REAUTH_REQUIRED, FAILED)) {
                counters.put(
                        flow + result,
                        Counter.builder("graphmail.token.requests")
                                .description("Token requests to msal4j (refreshes and client-credentials tokens)")
                                .tags("flow", flow, "result", result)
                                .register(meterRegistry));
            }
        }
    }

    void record(AccountSettings account, String result) {
        counters.get((account.isDelegated() ? "delegated" : "application") + result)
                .increment();
    }
}
