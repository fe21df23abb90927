package io.graphmail.contract.send;

import java.time.Instant;
import java.util.UUID;

/**
 * An attempt to send a message failed. Published by a worker.
 *
 * @param eventId unique per event
 * @param commandId the {@link SendMailCommand} this answers
 * @param accountId the sending mailbox
 * @param attempts how many calls to Graph were made so far
 * @param reason Graph's error code or a short description, never message content
 * @param permanent {@code true} if the message will not be tried again; {@code false} if a retry is scheduled
 * @param failedAt when the attempt failed
 */
public record MailFailed(
        UUID eventId,
        UUID commandId,
        String accountId,
        int attempts,
        String reason,
        boolean permanent,
        Instant failedAt) {}
