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
        String lastError,
        HeldDeletions heldDeletions) {

    /** A full round's deletions held until a sync confirms them: {@code unseen} of the folder's {@code stored}. */
    record HeldDeletions(long unseen, long stored, Instant heldAt) {}
}
