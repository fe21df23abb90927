package io.graphmail.worker.pacing;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How an account's slots are shared between its lanes ({@link Lane}).
 *
 * @param bulkEvery while transactional and bulk messages both wait, at least every {@code bulkEvery}th slot goes to
 *     bulk, so a stream of single sends never stops a batch
 * @param idleAfter a lane none of whose messages asked for this long no longer counts as waiting
 */
@Validated
@ConfigurationProperties("graphmail.worker.pacing.lanes")
public record LaneProperties(
        @Min(2) @DefaultValue("5") int bulkEvery,
        @DefaultValue("2m") Duration idleAfter) {

    public static LaneProperties defaults() {
        return new LaneProperties(5, Duration.ofMinutes(2));
    }
}
