package io.graphmail.worker.sync;

import io.graphmail.worker.graph.MailboxReader.ChangedMessage;
import java.nio.charset.StandardCharsets;
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

    /** The stored fields Graph's message determines (not ids, attachments or sync times), with its folder's. */
    static Document fieldsOf(ChangedMessage message, SyncingFolder.Folder folder) {
        var fields = new Document();
        fields.put("folder", folder.wellKnownName());
        fields.put("folderName", folder.name());
        fields.putAll(message.fields());
        return fields;
    }
}
