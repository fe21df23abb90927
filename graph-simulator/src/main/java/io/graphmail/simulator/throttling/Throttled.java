package io.graphmail.simulator.throttling;

/**
 * Why a request is turned away with 429, and when to try again, in Graph's terms. Graph answers its Outlook limits
 * with code {@code ApplicationThrottled}; the messages for the request and upload windows are the simulator's own.
 */
record Throttled(long retryAfterSeconds, String code, String message) {

    static Throttled concurrency() {
        return new Throttled(1, "ApplicationThrottled", "Application is over its MailboxConcurrency limit.");
    }

    boolean isOverConcurrency() {
        return equals(concurrency());
    }

    static Throttled requests(int limit, long retryAfterSeconds) {
        return new Throttled(
                retryAfterSeconds,
                "ApplicationThrottled",
                "Application is over its limit of " + limit + " requests to the mailbox in the window.");
    }

    static Throttled uploads(long limitBytes, long retryAfterSeconds) {
        return new Throttled(
                retryAfterSeconds,
                "ApplicationThrottled",
                "Application is over its limit of " + limitBytes + " bytes uploaded to the mailbox in the window.");
    }

    static long seconds(long millis) {
        return Math.max(1, (millis + 999) / 1000);
    }
}
