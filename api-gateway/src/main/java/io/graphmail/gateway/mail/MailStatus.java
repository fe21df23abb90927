package io.graphmail.gateway.mail;

import java.util.List;

/** Where a submitted message stands. */
public enum MailStatus {
    /** Recorded, to be queued at its {@code sendAt}. */
    SCHEDULED,
    /** Recorded and handed to the broker; no worker has reported yet. */
    ACCEPTED,
    /** A worker tried and will try again. */
    SENDING,
    SENT,
    /** Graph refused it for a reason retrying cannot fix. */
    FAILED,
    /** It could not be processed and sits in the dead-letter queue for an operator. */
    DEAD_LETTERED,
    /** Its batch was cancelled before it was sent. */
    CANCELLED;

    static final List<MailStatus> FINAL = List.of(SENT, FAILED, DEAD_LETTERED, CANCELLED);
}
