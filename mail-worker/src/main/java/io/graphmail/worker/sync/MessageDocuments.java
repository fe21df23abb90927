package io.graphmail.worker.sync;

import io.graphmail.worker.graph.MailboxReader.ChangedMessage;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;

/** How a Graph message is stored in the {@code messages} collection (field names in the README). */
final class MessageDocuments {

    private MessageDocuments() {}

    /** Our id for a Graph message: stable, URL-safe, and the same on every worker. */
    static String idOf(String accountId, String graphId) {
        return UUID.nameUUIDFromBytes((accountId + "\n" + graphId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /**
     * The whole stored document of a changed message (our id {@code id}), built once: ids, its folder's names, the
     * fields Graph's message determines, its attachment documents and when it was synced.
     */
    static Document documentOf(
            String accountId,
            String id,
            ChangedMessage message,
            SyncingFolder.Folder folder,
            List<Document> attachments,
            Date syncedAt) {
        var document = new Document("_id", id)
                .append("accountId", accountId)
                .append("graphId", message.id())
                .append("folder", folder.wellKnownName())
                .append("folderName", folder.name());
        document.putAll(message.fields());
        return document.append("attachments", attachments).append("syncedAt", syncedAt);
    }
}
