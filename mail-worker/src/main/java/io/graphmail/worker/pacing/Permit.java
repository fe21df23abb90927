package io.graphmail.worker.pacing;

import java.time.Duration;

/** The pacer's answer: go (and return the permit afterwards), come back at a reserved slot, or wait. */
public sealed interface Permit {

    /**
     * Send now; {@link AccountPacing#release} when the Graph call is over. {@code logged}: the send
     * counts in the account's log of the last minute.
     */
    record Granted(String accountId, String leaseId, boolean logged) implements Permit {}

    /**
     * The message has its turn at {@code slot} (epoch ms), which is now its own: keep it and present
     * it again then, and the rate limit is not checked again.
     */
    record Reserved(long slot, Duration delay) implements Permit {}

    /** Defer the message by at least {@code delay}; the reason is for logs and metrics. */
    record Deferred(Duration delay, String reason) implements Permit {}
}
