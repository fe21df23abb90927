package io.graphmail.worker.send.parking;

import io.graphmail.contract.send.SendMailCommand;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Commands set aside while a {@link Hold} lasts (consent, credentials, a paused batch): neither failed nor lost, they
 * go back on the send queue when it ends.
 */
public interface ParkedCommands {

    /** @param body the message as it arrived, which goes back on the queue unchanged */
    void park(SendMailCommand command, byte[] body, Hold hold);

    /** Puts every command parked for the account back on the send queue. */
    void release(String accountId);

    /** Puts every command of the batch back on the send queue. */
    void releaseBatch(String batchId);

    /** Puts one command back on the send queue, if it is parked. */
    void releaseCommand(UUID commandId);

    /**
     * Puts the commands set aside for their turn ({@link Hold.Paced}) in the account's {@code lane} with a ticket below
     * {@code belowTicket} back on the transactional send queue: their turn is near, and on the bulk queue they would
     * wait behind their batch's first passes.
     */
    void releaseNear(String accountId, String lane, long belowTicket);

    /**
     * Puts every command set aside for its turn whose latest time to go back has come back on the transactional send
     * queue (as {@link #releaseNear}), and every claimed one whose claim ran out back on its send queue.
     */
    void releaseDue();

    /**
     * Removes the commands parked for the account one by one, each handed to {@code removing} right before it goes, so
     * that none goes unreported: one parked meanwhile too.
     */
    void discard(String accountId, Consumer<UUID> removing);
}
