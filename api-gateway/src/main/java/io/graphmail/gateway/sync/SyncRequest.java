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
 */
record SyncRequest(
        @Size(max = 10)
        List<@NotNull @Pattern(regexp = "inbox|sentitems", message = "must be inbox or sentitems") String> folders,

        @Pattern(regexp = "(?i)incremental|full", message = "must be incremental or full")
        String mode,

        LocalDate syncFrom) {

    static final SyncRequest DEFAULTS = new SyncRequest(null, null, null);

    SyncMailboxCommand.Mode commandMode() {
        return "full".equalsIgnoreCase(mode) ? SyncMailboxCommand.Mode.FULL : SyncMailboxCommand.Mode.INCREMENTAL;
    }
}
