package io.graphmail.simulator.throttling;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What the throttle saw of an app's requests to a mailbox (or of all apps', summed) since the last reset.
 *
 * @param requests Graph requests for the mailbox that reached the throttle, throttled ones included
 * @param sends sends the throttle let through, whatever the endpoint then answered
 * @param throttled requests the throttle answered with 429
 * @param maxConcurrentObserved the most requests of one app let through that were in progress at once
 * @param maxSendsInAnyMinute the most sends let through within any sliding 60 seconds
 * @param uploadedBytes request body bytes of PATCH, POST and PUT let through (upload URLs included)
 * @param lastConcurrencyRefusal the last request turned away for concurrency, with those in progress then and for how
 *     long ({@code METHOD path}); {@code null} if none was
 */
@JsonPropertyOrder({
    "requests",
    "sends",
    "throttled",
    "maxConcurrentObserved",
    "maxSendsInAnyMinute",
    "uploadedBytes",
    "lastConcurrencyRefusal"
})
record MailboxStats(
        long requests,
        long sends,
        long throttled,
        int maxConcurrentObserved,
        int maxSendsInAnyMinute,
        long uploadedBytes,
        String lastConcurrencyRefusal) {

    static final MailboxStats NONE = new MailboxStats(0, 0, 0, 0, 0, 0, null);

    /** Both apps' figures together: counts add up, maxima are the larger one, either app's last refusal is kept. */
    MailboxStats plus(MailboxStats other) {
        return new MailboxStats(
                requests + other.requests,
                sends + other.sends,
                throttled + other.throttled,
                Math.max(maxConcurrentObserved, other.maxConcurrentObserved),
                Math.max(maxSendsInAnyMinute, other.maxSendsInAnyMinute),
                uploadedBytes + other.uploadedBytes,
                lastConcurrencyRefusal != null ? lastConcurrencyRefusal : other.lastConcurrencyRefusal);
    }
}
