package io.graphmail.simulator.throttling;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What the throttle saw of a mailbox since the last reset.
 *
 * @param requests Graph requests for the mailbox that reached the throttle, throttled ones included
 * @param sends sends the throttle let through, whatever the endpoint then answered
 * @param throttled requests the throttle answered with 429
 * @param maxConcurrentObserved the most requests let through that were in progress at once
 * @param maxSendsInAnyMinute the most sends let through within any sliding 60 seconds
 */
@JsonPropertyOrder({"requests", "sends", "throttled", "maxConcurrentObserved", "maxSendsInAnyMinute"})
record MailboxStats(long requests, long sends, long throttled, int maxConcurrentObserved, int maxSendsInAnyMinute) {

    static final MailboxStats NONE = new MailboxStats(0, 0, 0, 0, 0);
}
