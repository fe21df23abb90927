package io.graphmail.worker.send.deliveries;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What the workers know about one send command; the guard that keeps a command from being sent
 * twice, whichever worker receives it and however often.
 *
 * <p>{@code paceTicket} is its ticket in its lane of the account's pacing, if it waits for a slot;
 * {@code draftId} the Graph draft an attempt created; {@code interrupted} that an attempt ended
 * without reporting back (its worker died).
 */
@Document("deliveries")
public record Delivery(
        @Id String commandId,
        String accountId,
        State state,
        int attempts,
        Integer throttles,
        Integer networkErrors,
        Long paceTicket,
        String draftId,
        Boolean interrupted,
        Instant claimedAt,
        Instant sentAt,
        String lastError) {

    /** An earlier attempt may have got as far as sending: look before sending again. */
    public boolean mayHaveSent() {
        return draftId != null || Boolean.TRUE.equals(interrupted);
    }

    public enum State {
        /** A worker is calling Graph right now (or died doing so). */
        SENDING,
        /** The last attempt failed transiently; a retry is scheduled. */
        RETRYING,
        SENT,
        FAILED
    }
}
