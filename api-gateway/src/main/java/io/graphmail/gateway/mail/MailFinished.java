package io.graphmail.gateway.mail;

import java.time.Instant;
import java.util.UUID;

/**
 * A worker's (or the broker's) final word on a message was recorded: published in-process, on the listener's thread,
 * each time the result is handled (a redelivered result too), for whoever tells clients about it.
 *
 * @param reason why it failed or was dead-lettered; {@code null} when sent
 * @param client the API client that submitted the message, as the record's update found it; {@code null} when not
 *     known (the record is read for it then)
 */
public record MailFinished(UUID id, MailStatus status, String reason, Instant at, String client) {

    public MailFinished(UUID id, MailStatus status, String reason, Instant at) {
        this(id, status, reason, at, null);
    }
}
