package io.graphmail.worker.pacing;

import java.time.Duration;

/** The pacer's answer: go (and return the permit afterwards), or wait this long first. */
public sealed interface Permit {

    /** Send now; {@link AccountPacing#release} when the Graph call is over. */
    record Granted(String accountId, String leaseId) implements Permit {}

    /** Defer the message by at least {@code delay}; the reason is for logs and metrics. */
    record Deferred(Duration delay, String reason) implements Permit {}
}
