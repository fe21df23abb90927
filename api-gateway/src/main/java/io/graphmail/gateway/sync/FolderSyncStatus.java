package io.graphmail.gateway.sync;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** The gateway's read-only view of a folder's sync state (collection {@code sync_states}, written by workers). */
@Document("sync_states")
record FolderSyncStatus(
        @Id String id,
        String accountId,
        String folder,
        String folderName,
        boolean fullRound,
        String nextLink,
        Instant deltaLinkSavedAt,
        String lastRunId,
        Instant lastStartedAt,
        Instant lastCompletedAt,
        int added,
        int updated,
        int removed,
        String lastError) {}
