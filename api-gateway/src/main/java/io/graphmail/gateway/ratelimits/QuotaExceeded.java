package io.graphmail.gateway.ratelimits;

import java.time.Duration;

/** A submission with more messages than remain of the client's quota today; nothing of it was accepted. */
public final class QuotaExceeded extends RuntimeException {

    final long quota;
    final long remaining;
    final int requested;
    final Duration untilReset;

    QuotaExceeded(long quota, long remaining, int requested, Duration untilReset) {
        super("Message quota exceeded");
        this.quota = quota;
        this.remaining = remaining;
        this.requested = requested;
        this.untilReset = untilReset;
    }
}
