package io.graphmail.contract.sync;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Bring an account's mail folders in MongoDB up to date with Graph. Sent by the gateway, on request
 * or on its schedule; a worker runs it. Commands are idempotent: one already run is ignored.
 *
 * @param commandId unique per command; what makes a redelivered command a no-op
 * @param runId what asked for the sync: one client request (its only command) or one scheduled round (every active
 *     account's command of the round carries the same run id); workers record it on each folder they sync, where
 *     the client that asked follows its run
 * @param accountId the account whose mailbox to sync
 * @param folders well-known folder names ({@code inbox}, {@code sentitems}); empty for the defaults
 * @param mode {@code INCREMENTAL} continues from the stored delta link; {@code FULL} starts over
 * @param syncFrom on a first or full sync, mail received before this day is not fetched; may be null
 * @param requestedAt when the gateway sent it
 * @param confirmDeletions on a full sync, mark deleted what the round did not see even when that is most of a folder
 *     (such mass deletions are otherwise held until confirmed); null from older producers means false
 */
public record SyncMailboxCommand(
        UUID commandId,
        UUID runId,
        String accountId,
        List<String> folders,
        Mode mode,
        LocalDate syncFrom,
        Instant requestedAt,
        Boolean confirmDeletions) {

    public enum Mode {
        INCREMENTAL,
        FULL
    }

    public SyncMailboxCommand {
        folders = folders == null ? List.of() : List.copyOf(folders);
        mode = mode == null ? Mode.INCREMENTAL : mode;
        confirmDeletions = Boolean.TRUE.equals(confirmDeletions);
    }

    /** A command that confirms no mass deletion. */
    public SyncMailboxCommand(
            UUID commandId,
            UUID runId,
            String accountId,
            List<String> folders,
            Mode mode,
            LocalDate syncFrom,
            Instant requestedAt) {
        this(commandId, runId, accountId, folders, mode, syncFrom, requestedAt, false);
    }
}
