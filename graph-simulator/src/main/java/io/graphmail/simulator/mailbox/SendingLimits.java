package io.graphmail.simulator.mailbox;

/**
 * Exchange Online's sending limits of one mailbox; a null limit is none. Over {@code messagesPerMinute} mail is
 * accepted and delivered late; over the others it is accepted and bounces with a non-delivery report.
 *
 * @param messagesPerMinute messages delivered within any sliding rate window (Exchange: 30 a minute)
 * @param recipientsPerMessage to, cc and bcc recipients of one message (Exchange: 500)
 * @param recipientsPerDay recipients delivered to within any sliding 24 hours (Exchange: 10,000; Outlook.com: 5,000)
 * @param maxMessageSize bytes of one message as sent: body and Base64-encoded attachments (Exchange: 35 MB)
 */
public record SendingLimits(
        Integer messagesPerMinute, Integer recipientsPerMessage, Integer recipientsPerDay, Long maxMessageSize) {}
