package io.graphmail.gateway.webhooks.delivery;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter over the upper half: attempt n waits between d/2 and d, d = initial·2ⁿ⁻¹. */
final class Backoff {

    private Backoff() {}

    static Duration after(int attempts, Duration initial, Duration max) {
        int doublings = Math.min(Math.max(attempts - 1, 0), 30);
        long ceiling = Math.min(initial.toMillis() << doublings, max.toMillis());
        if (ceiling <= 0) {
            ceiling = max.toMillis();
        }
        long half = ceiling / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(ceiling - half + 1));
    }
}
