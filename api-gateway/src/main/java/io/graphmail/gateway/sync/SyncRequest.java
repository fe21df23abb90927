package io.graphmail.gateway.sync;

import io.graphmail.contract.sync.SyncMailboxCommand;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/**
 * What to sync; every part is optional.
 *
 * @param folders well-known folder names; none: the workers' configured folders (Inbox and Sent Items)
 * @param mode {@code incremental} (default: continue from the stored delta state) or {@code full}
 * @param syncFrom on a first or full sync, skip mail received before this day
 * @param confirmDeletions a full sync (implied) that marks deleted what it does not see even when that is most of a
 *     folder, which a sync otherwise holds for confirmation (see the folder's {@code heldDeletions})
 */
record SyncRequest(
        @Size(max = 10)
        List<@NotNull @Pattern(regexp = "inbox|sentitems", message = "must be inbox or sentitems") String> folders,

        @Pattern(regexp = "(?i)incremental|full", message = "must be incremental or full")
        String mode,

        LocalDate syncFrom,
        Boolean confirmDeletions) {

    static final SyncRequest DEFAULTS = new SyncRequest(null, null, null);

    SyncRequest(List<String> folders, String mode, LocalDate syncFrom) {
        this(folders, mode, syncFrom, null);
    }

    SyncMailboxCommand.Mode commandMode() {
        return "full".equalsIgnoreCase(mode) || confirmsDeletions()
                ? SyncMailboxCommand.Mode.FULL
                : SyncMailboxCommand.Mode.INCREMENTAL;
    }

    boolean confirmsDeletions() {
        return Boolean.TRUE.equals(confirmDeletions);
    }
}
