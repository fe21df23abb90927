package io.graphmail.worker.graph;

import io.graphmail.worker.accounts.AccountSettings;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * Reads a mailbox's folders and attachments from Graph. An interface because syncing is tested with an in-memory
 * mailbox; the worker reads through Graph's delta query.
 */
public interface MailboxReader {

    /** The folder's id and display name, from its well-known name ({@code inbox}, {@code sentitems}). */
    MailFolder folder(AccountSettings account, String wellKnownName);

    /** The first page of a new delta round: everything in the folder, received on or after {@code from}. */
    DeltaPage firstDeltaPage(AccountSettings account, String folderId, LocalDate from, int pageSize);

    /** The page a {@code @odata.nextLink} or {@code @odata.deltaLink} points to. */
    DeltaPage deltaPage(AccountSettings account, String link, int pageSize);

    /** A message's class (PidTagMessageClass, {@code IPM.Note}, {@code REPORT.IPM.Note.NDR}), if Graph gives it. */
    Optional<String> messageClass(AccountSettings account, String messageId);

    /** What a message's attachments are (without their content). */
    List<AttachmentInfo> attachments(AccountSettings account, String messageId);

    /** A file attachment's content. */
    byte[] attachmentContent(AccountSettings account, String messageId, String attachmentId);

    /** An attachment's description; only file attachments have content to download. */
    record AttachmentInfo(String id, String name, String contentType, int size, boolean isInline, boolean isFile) {}

    /** A well-known folder as Graph names it. */
    record MailFolder(String id, String displayName) {}

    /**
     * One page of a delta round: changed messages, the ids Graph reports removed, and either the next page's link or,
     * on the last page, the link for the next round.
     */
    record DeltaPage(List<ChangedMessage> changed, List<String> removedIds, String nextLink, String deltaLink) {}

    /**
     * A changed message as a delta page lists it: Graph's id, and the fields of its document in the {@code messages}
     * collection that Graph's message determines (named as stored, see the README; not ids, folder, attachments or
     * sync times).
     */
    record ChangedMessage(String id, Document fields) {

        public boolean hasAttachments() {
            return Boolean.TRUE.equals(fields.getBoolean("hasAttachments"));
        }
    }
}
