package io.graphmail.simulator.throttling;

import jakarta.validation.constraints.Positive;

/**
 * How hard the simulator throttles a mailbox, as Graph does per app and mailbox. A null limit is no limit.
 *
 * @param messagesPerMinute sends ({@code sendMail}, {@code messages/{id}/send}) let through within any sliding 60
 *     seconds; Exchange Online allows 30
 * @param maxConcurrent requests of the mailbox in progress at once; Graph allows 4
 */
record MailboxLimits(
        @Positive Integer messagesPerMinute, @Positive Integer maxConcurrent) {

    static final MailboxLimits NONE = new MailboxLimits(null, null);
}
