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
    CANCELLED,
    /** Graph accepted it, then a non-delivery report came back for a recipient; only ever after {@link #SENT}. */
    BOUNCED,
    /** A batch item not sent because its recipient is on the client's suppression list. */
    SUPPRESSED;

    static final List<MailStatus> FINAL = List.of(SENT, FAILED, DEAD_LETTERED, CANCELLED, BOUNCED, SUPPRESSED);

    /** Not final yet: a status that may still change. */
    public static final List<MailStatus> UNFINISHED = List.of(SCHEDULED, ACCEPTED, SENDING);

    /** On the broker or at a worker, due to be sent: what stands in an account's queue. */
    public static final List<MailStatus> QUEUED = List.of(ACCEPTED, SENDING);

    boolean isFinal() {
        return FINAL.contains(this);
    }
}
