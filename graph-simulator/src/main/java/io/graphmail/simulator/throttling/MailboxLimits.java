package io.graphmail.simulator.throttling;

import io.graphmail.simulator.mailbox.SendingLimits;
import jakarta.validation.constraints.Positive;

/**
 * The limits of a mailbox, set through the control API; a null limit is no limit. {@code maxConcurrent} throttles
 * (429) per app and mailbox, as Graph does; the others are Exchange Online's sending limits per mailbox, which never
 * refuse a send: over them mail is delivered late or bounces (see {@link SendingLimits}).
 *
 * @param messagesPerMinute messages delivered within any sliding minute; Exchange Online allows 30
 * @param maxConcurrent requests of the mailbox in progress at once; Graph allows 4
 * @param recipientsPerMessage to, cc and bcc recipients of one message; Exchange Online allows 500
 * @param recipientsPerDay recipients within any sliding 24 hours; Exchange Online 10,000, Outlook.com 5,000
 * @param maxMessageSize bytes of one message as sent; Exchange Online's default is 35 MB
 */
record MailboxLimits(
        @Positive Integer messagesPerMinute,
        @Positive Integer maxConcurrent,
        @Positive Integer recipientsPerMessage,
        @Positive Integer recipientsPerDay,
        @Positive Long maxMessageSize) {

    static final MailboxLimits NONE = new MailboxLimits(null, null, null, null, null);

    SendingLimits sending() {
        return new SendingLimits(messagesPerMinute, recipientsPerMessage, recipientsPerDay, maxMessageSize);
    }
}
