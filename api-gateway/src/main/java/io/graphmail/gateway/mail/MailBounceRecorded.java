package io.graphmail.gateway.mail;

import java.util.UUID;

/**
 * A worker's report of a bounce was handled: published in-process, on the listener's thread, each time it is handled
 * (a redelivered report too), for whoever tells clients about it. The message's record says whether the bounce was
 * recorded (it moves from SENT only).
 *
 * @param id the message that bounced
 * @param bounce the recipient, status code and diagnostic this report is about
 */
public record MailBounceRecorded(UUID id, MailRecord.Bounce bounce) {}
