package io.graphmail.worker.sync;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Where one account's folder stands with Graph (collection {@code sync_states}, written by workers
 * only; the gateway shows it).
 *
 * @param deltaLink where the next round starts; stored only once a round's pages are all written
 * @param nextLink the next page of the round in progress, stored after each page is written, so
 *     that a round a crash interrupted resumes where it stopped
 * @param fullRound whether the round in progress fetches the whole folder (first, full or resync)
 * @param roundStartedAt when the round in progress started; a full round marks messages it did not
 *     see since then as deleted
 * @param pageSize the page size the round in progress came down to after pages timed out (504), so
 *     that a resumed round asks for no more; none: the configured one
 * @param completedCommands ids of the last commands run to the end, so a duplicate is a no-op
 */
@Document("sync_states")
record FolderSyncState(
        @Id String id,
        String accountId,
        String folder,
        String folderId,
        String folderName,
        String deltaLink,
        Instant deltaLinkSavedAt,
        String nextLink,
        boolean fullRound,
        Instant roundStartedAt,
        Integer pageSize,
        String lastRunId,
        Instant lastStartedAt,
        Instant lastCompletedAt,
        int added,
        int updated,
        int removed,
        String lastError,
        List<String> completedCommands) {

    static String idOf(String accountId, String folder) {
        return accountId + ":" + folder;
    }

    boolean hasCompleted(String commandId) {
        return completedCommands != null && completedCommands.contains(commandId);
    }
}
