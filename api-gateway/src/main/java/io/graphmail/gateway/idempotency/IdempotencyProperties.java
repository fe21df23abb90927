package io.graphmail.gateway.idempotency;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param lease how long a request with an {@code Idempotency-Key} holds the key without word from its gateway: the
 *     gateway renews the lease every third of it while the request runs, so a repeat within it is 409; once a
 *     gateway that stopped mid-request lets it lapse, a repeat takes the key over and resumes the request
 */
@Validated
@ConfigurationProperties("graphmail.gateway.idempotency")
record IdempotencyProperties(@NotNull @DefaultValue("30s") Duration lease) {

    Duration renewEvery() {
        return lease.dividedBy(3);
    }
}
