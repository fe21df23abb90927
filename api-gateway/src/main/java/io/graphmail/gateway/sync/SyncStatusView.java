package io.graphmail.gateway.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** What {@code GET /api/v1/accounts/{id}/sync} shows. */
record SyncStatusView(String accountId, List<Folder> folders) {

    /**
     * @param state {@code SYNCING} (a round started and has not ended), {@code FAILED} (the last
     *     round stopped on an error; the next one resumes), {@code IDLE}
     * @param added what the last round added (likewise updated, removed)
     * @param deltaStateAgeSeconds how old the stored delta state is; null before the first round ends
     * @param heldDeletions a full round no longer saw most of the folder and marked nothing deleted: {@code unseen} of
     *     the {@code stored} messages, since {@code heldAt}; a sync with {@code confirmDeletions} applies them; null
     *     when none are held
     */
    record Folder(
            String folder,
            String folderName,
            String state,
            String lastRunId,
            Instant lastStartedAt,
            Instant lastCompletedAt,
            int added,
            int updated,
            int removed,
            String lastError,
            Long deltaStateAgeSeconds,
            FolderSyncStatus.HeldDeletions heldDeletions) {

        static Folder of(FolderSyncStatus status, Instant now) {
            return new Folder(
                    status.folder(),
                    status.folderName(),
                    stateOf(status),
                    status.lastRunId(),
                    status.lastStartedAt(),
                    status.lastCompletedAt(),
                    status.added(),
                    status.updated(),
                    status.removed(),
                    status.lastError(),
                    status.deltaLinkSavedAt() == null
                            ? null
                            : Duration.between(status.deltaLinkSavedAt(), now).toSeconds(),
                    status.heldDeletions());
        }

        private static String stateOf(FolderSyncStatus status) {
            if (status.lastError() != null) {
                return "FAILED";
            }
            boolean ended = status.lastCompletedAt() != null
                    && status.lastStartedAt() != null
                    && !status.lastCompletedAt().isBefore(status.lastStartedAt());
            return ended ? "IDLE" : "SYNCING";
        }
    }
}
