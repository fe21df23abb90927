package io.graphmail.contract.send;

import java.time.Instant;
import java.util.UUID;

/**
 * A message Graph accepted came back undelivered for one recipient: a worker found the non-delivery report in the
 * sending mailbox's Inbox. Published by a worker, once per report it recognises.
 *
 * @param eventId unique per event; the same report always gives the same id
 * @param commandId the {@link SendMailCommand} whose message bounced
 * @param accountId the sending mailbox
 * @param recipient the address that could not be reached, lower case; null when the report names none
 * @param statusCode the enhanced status code, e.g. {@code 5.1.1}
 * @param diagnostic the remote server's answer as the report quotes it, never message content
 * @param permanent {@code true} for a hard bounce (5.x.x other than mailbox full), {@code false} for a soft one
 * @param bouncedAt when the report was received
 */
public record MailBounced(
        UUID eventId,
        UUID commandId,
        String accountId,
        String recipient,
        String statusCode,
        String diagnostic,
        boolean permanent,
        Instant bouncedAt) {}
