package io.graphmail.simulator.throttling;

/** Why a request is turned away with 429, and when to try again, in Graph's terms. */
record Throttled(long retryAfterSeconds, String code, String message) {

    static Throttled concurrency() {
        return new Throttled(1, "ApplicationThrottled", "Application is over its MailboxConcurrency limit.");
    }

    static Throttled sending(int messagesPerMinute, long retryAfterSeconds) {
        return new Throttled(
                retryAfterSeconds,
                "TooManyRequests",
                "The mailbox is over its limit of " + messagesPerMinute + " messages per minute.");
    }
}
