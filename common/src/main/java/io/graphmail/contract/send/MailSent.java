package io.graphmail.contract.send;

import java.time.Instant;
import java.util.UUID;

/**
 * A message was handed to Microsoft Graph and accepted. Published by a worker.
 *
 * @param eventId unique per event
 * @param commandId the {@link SendMailCommand} this answers
 * @param accountId the sending mailbox
 * @param attempts how many calls to Graph it took, at least 1
 * @param sentAt when Graph accepted it
 * @param submittedAt when the gateway accepted the message ({@code null} from older workers)
 */
public record MailSent(
        UUID eventId, UUID commandId, String accountId, int attempts, Instant sentAt, Instant submittedAt) {

    public MailSent(UUID eventId, UUID commandId, String accountId, int attempts, Instant sentAt) {
        this(eventId, commandId, accountId, attempts, sentAt, null);
    }
}
