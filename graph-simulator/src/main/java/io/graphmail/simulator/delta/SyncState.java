package io.graphmail.simulator.delta;

import io.graphmail.simulator.mailbox.ChangeLog;
import io.graphmail.simulator.mailbox.Folder;

/**
 * What a delta token or skip token stands for. A round reports the changes recorded after {@code since} up to and
 * including {@code snapshot}; its pages are slices of that fixed list, so changes made while a client pages through
 * wait for the next round. A delta token is a round not yet begun: {@code since} and {@code snapshot} are both where
 * the last round ended.
 *
 * @param log the key of the mailbox's change log, which a recreated mailbox does not share
 * @param generation the log's generation when issued; expiring the mailbox's sync states raises it
 * @param folder the folder's id
 * @param since the last change the client has seen
 * @param snapshot the last change the round reports
 * @param offset where the next page starts within the round
 * @param initial whether the round lists the whole folder (changeType does not apply then)
 * @param options the query options of the round's first request
 * @param issuedAt when the token was issued, in epoch milliseconds
 */
record SyncState(
        String log,
        long generation,
        String folder,
        long since,
        long snapshot,
        int offset,
        boolean initial,
        DeltaOptions options,
        long issuedAt) {

    /** A round that lists everything in the folder as of now. */
    static SyncState initialRound(ChangeLog.Position position, Folder folder, DeltaOptions options) {
        return new SyncState(
                position.key(),
                position.generation(),
                folder.id(),
                0,
                position.sequence(),
                0,
                true,
                options,
                System.currentTimeMillis());
    }

    /** The round a delta token begins: what changed since it was issued, up to {@code sequence}. */
    SyncState roundUntil(long sequence) {
        return new SyncState(log, generation, folder, since, sequence, 0, false, options, issuedAt);
    }

    /** The skip token of the page starting at {@code next}. */
    SyncState pageAt(int next) {
        return new SyncState(
                log, generation, folder, since, snapshot, next, initial, options, System.currentTimeMillis());
    }

    /** The delta token that ends this round. */
    SyncState deltaAfter() {
        return new SyncState(
                log, generation, folder, snapshot, snapshot, 0, false, options, System.currentTimeMillis());
    }

    /** Whether the state was issued for this log, folder and generation, and names only changes it holds. */
    boolean belongsTo(ChangeLog.Position position, Folder folder) {
        return log.equals(position.key())
                && generation == position.generation()
                && this.folder.equals(folder.id())
                && 0 <= since
                && since <= snapshot
                && snapshot <= position.sequence()
                && offset >= 0;
    }
}
