package io.graphmail.worker.sync;

import io.graphmail.worker.accounts.AccountSettings;
import io.graphmail.worker.graph.GraphRefusals;
import io.graphmail.worker.graph.MailboxReader;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import org.bson.Document;

/**
 * A mailbox answering delta requests from a script: each request (a first page of a folder id, or a link) answers
 * what was last scripted for it; unknown folders and requests answer 404, as Graph does.
 */
final class InMemoryMailbox implements MailboxReader {

    static final OffsetDateTime RECEIVED = OffsetDateTime.of(2026, 11, 2, 8, 0, 0, 0, ZoneOffset.UTC);

    private final Map<String, MailFolder> folders = new HashMap<>();
    private final Map<String, IntFunction<DeltaPage>> answers = new HashMap<>();
    /** Each delta request as {@code <request> size=<page size>}, in order. */
    final List<String> asked = new ArrayList<>();

    int folderLookups;

    void folder(String wellKnownName, String id, String displayName) {
        folders.put(wellKnownName, new MailFolder(id, displayName));
    }

    /** {@code request}: {@code first <folder id>} for a round's first page, or the link. */
    InMemoryMailbox answer(String request, DeltaPage page) {
        return answer(request, size -> page);
    }

    InMemoryMailbox answer(String request, IntFunction<DeltaPage> answer) {
        answers.put(request, answer);
        return this;
    }

    InMemoryMailbox refuse(String request, int status, String code) {
        return answer(request, size -> {
            throw GraphRefusals.refused(status, code, null);
        });
    }

    /** Forgets what was scripted for {@code request}: it answers 404 from now on. */
    void forget(String request) {
        answers.remove(request);
    }

    static DeltaPage page(List<ChangedMessage> changed, List<String> removedIds, String nextLink, String deltaLink) {
        return new DeltaPage(changed, removedIds, nextLink, deltaLink);
    }

    static List<ChangedMessage> messages(String... ids) {
        var messages = new ArrayList<ChangedMessage>();
        for (String id : ids) {
            messages.add(new ChangedMessage(
                    id,
                    new Document("subject", "Subject of " + id)
                            .append("receivedDateTime", Date.from(RECEIVED.toInstant()))
                            .append("hasAttachments", false)));
        }
        return messages;
    }

    @Override
    public MailFolder folder(AccountSettings account, String wellKnownName) {
        folderLookups++;
        var folder = folders.get(wellKnownName);
        if (folder == null) {
            throw GraphRefusals.refused(404, "ErrorItemNotFound", null);
        }
        return folder;
    }

    @Override
    public DeltaPage firstDeltaPage(AccountSettings account, String folderId, LocalDate from, int pageSize) {
        return page("first " + folderId, pageSize);
    }

    @Override
    public DeltaPage deltaPage(AccountSettings account, String link, int pageSize) {
        return page(link, pageSize);
    }

    @Override
    public Optional<String> messageClass(AccountSettings account, String messageId) {
        return Optional.empty();
    }

    @Override
    public List<AttachmentInfo> attachments(AccountSettings account, String messageId) {
        return List.of();
    }

    @Override
    public byte[] attachmentContent(AccountSettings account, String messageId, String attachmentId) {
        return new byte[0];
    }

    private DeltaPage page(String request, int pageSize) {
        asked.add(request + " size=" + pageSize);
        var answer = answers.get(request);
        if (answer == null) {
            throw GraphRefusals.refused(404, "ErrorItemNotFound", null);
        }
        return answer.apply(pageSize);
    }
}
