package io.graphmail.worker.sync;

import io.graphmail.worker.accounts.AccountLeases.Lease;
import io.graphmail.worker.accounts.AccountSettings;
import io.graphmail.worker.graph.GraphCallFailed;
import io.graphmail.worker.graph.MailboxReader;
import io.graphmail.worker.graph.MailboxReader.ChangedMessage;
import io.graphmail.worker.graph.MailboxReader.DeltaPage;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One delta round for one folder: page by page from Graph into MongoDB, storing where to go on only
 * once a page is written, so that a round interrupted anywhere resumes or restarts without gaps.
 */
class SyncingFolder {

    private static final Logger log = LoggerFactory.getLogger(SyncingFolder.class);
    /** What Graph answers (410 Gone) when it no longer holds the state a delta or skip token names. */
    private static final Set<String> SYNC_STATE_LOST =
            Set.of("syncstatenotfound", "resyncrequired", "syncstateinvalid");

    private static final int NOT_FOUND = 404;

    /**
     * "Applying {@code $filter} in a delta query returns only up to 5,000 messages." (Graph's delta-query-messages
     * page): a filtered round that saw this many may have missed older mail, so it cannot tell what was deleted.
     */
    static final int FILTERED_ROUND_CAP = 5_000;

    private final MailboxReader reader;
    private final ShrinkingPages pages;
    private final StoredMessages messages;
    private final StoredAttachments attachments;
    private final RemovingUnseenMessages unseenMessages;
    private final FolderSyncStates states;
    private final SyncProperties properties;
    private final Clock clock;
    private final Executor prefetcher;
    private final int filteredRoundCap;
    private final WrittenPages written;
    private final NewMail newMail;

    /** Told of every page once it is written, e.g. to find non-delivery reports among its messages. */
    @FunctionalInterface
    interface WrittenPages {
        void written(AccountSettings account, String folder, List<ChangedMessage> changed);
    }

    /**
     * Told, before a page is written, of its messages that are new mail (our id → message): messages not stored yet,
     * in a round after the folder's first. Told again if the page is written again after a failure in between.
     */
    @FunctionalInterface
    interface NewMail {
        void arrived(AccountSettings account, String folder, Map<String, ChangedMessage> messages, Instant now);
    }

    /** @param filteredRoundCap {@link #FILTERED_ROUND_CAP}; tests reach a smaller one with fewer messages */
    SyncingFolder(
            MailboxReader reader,
            ShrinkingPages pages,
            StoredMessages messages,
            StoredAttachments attachments,
            RemovingUnseenMessages unseenMessages,
            FolderSyncStates states,
            SyncProperties properties,
            Clock clock,
            Executor prefetcher,
            int filteredRoundCap,
            WrittenPages written,
            NewMail newMail) {
        this.reader = reader;
        this.pages = pages;
        this.messages = messages;
        this.attachments = attachments;
        this.unseenMessages = unseenMessages;
        this.states = states;
        this.properties = properties;
        this.clock = clock;
        this.prefetcher = prefetcher;
        this.filteredRoundCap = filteredRoundCap;
        this.written = written;
        this.newMail = newMail;
    }

    /** A folder as we name it (well-known name) and as Graph does (id, display name). */
    record Folder(String wellKnownName, String id, String name) {}

    /**
     * Runs a round for the folder whose stored state (read under {@code lease}) is {@code state}. Graph is asked for
     * the folder's id only when none is stored, or when Graph no longer knows the stored one (404).
     */
    PageCounts sync(
            AccountSettings account, String folderName, Optional<FolderSyncState> state, Round round, Lease lease) {
        var stored = state.filter(known -> known.folderId() != null && known.folderName() != null)
                .map(known -> new Folder(folderName, known.folderId(), known.folderName()));
        try {
            return syncOrRestart(account, stored.orElseGet(() -> lookUp(account, folderName)), state, round, lease);
        } catch (FolderGone gone) {
            if (stored.isEmpty()) {
                throw gone.failure;
            }
            log.warn(
                    "Graph no longer knows the stored id of {} / {} ({}); looking the folder up and syncing it in full",
                    account.id(),
                    folderName,
                    gone.failure.code());
            states.forgetLinks(account.id(), folderName);
            try {
                return syncOrRestart(account, lookUp(account, folderName), state, round.restartedInFull(), lease);
            } catch (FolderGone stillGone) {
                throw stillGone.failure;
            }
        }
    }

    private Folder lookUp(AccountSettings account, String folderName) {
        var graphFolder = reader.folder(account, folderName);
        return new Folder(folderName, graphFolder.id(), graphFolder.displayName());
    }

    private PageCounts syncOrRestart(
            AccountSettings account, Folder folder, Optional<FolderSyncState> state, Round round, Lease lease) {
        try {
            return runRound(account, folder, state, round, lease);
        } catch (GraphCallFailed failure) {
            if (failure.status() != 410
                    && !SYNC_STATE_LOST.contains(failure.code().toLowerCase(Locale.ROOT))) {
                throw failure;
            }
            log.warn(
                    "Graph no longer holds the delta state of {} / {} ({}); syncing the folder in full",
                    account.id(),
                    folder.wellKnownName(),
                    failure.code());
            states.forgetLinks(account.id(), folder.wellKnownName());
            return runRound(account, folder, state, round.restartedInFull(), lease);
        }
    }

    /** A full round ignores the stored links, so {@code state} serves a restarted round as well. */
    private PageCounts runRound(
            AccountSettings account, Folder folder, Optional<FolderSyncState> state, Round round, Lease lease) {
        String folderName = folder.wellKnownName();
        String resumeAt =
                round.full() ? null : state.map(FolderSyncState::nextLink).orElse(null);
        boolean full;
        Instant startedAt;
        ShrinkingPages.Fetched fetched;
        if (resumeAt != null) {
            full = state.get().fullRound();
            startedAt = state.get().roundStartedAt();
            int pageSize = Math.min(
                    properties.pageSize(),
                    Objects.requireNonNullElse(state.get().pageSize(), properties.pageSize()));
            fetched = fetch(account, folderName, resumeAt, pageSize, lease);
        } else {
            String deltaLink =
                    round.full() ? null : state.map(FolderSyncState::deltaLink).orElse(null);
            full = deltaLink == null;
            startedAt = clock.instant();
            states.startRound(account.id(), folderName, folder, full, round.runId(), startedAt);
            fetched = full
                    ? pages.fetch(
                            account,
                            folderName,
                            properties.pageSize(),
                            lease,
                            size -> folderRead(
                                    () -> reader.firstDeltaPage(account, folder.id(), round.syncFrom(), size)))
                    : fetch(account, folderName, deltaLink, properties.pageSize(), lease);
        }
        Instant newSince = newMailSince(state, full);
        PageCounts total = PageCounts.NONE;
        while (true) {
            DeltaPage page = fetched.page();
            // The next page is fetched while this one is written; its link is stored only after.
            var next = page.nextLink() == null
                    ? null
                    : prefetch(account, folderName, page.nextLink(), fetched.pageSize(), lease);
            PageCounts written;
            try {
                written = write(account, folder, page, newSince);
            } catch (RuntimeException e) {
                if (next != null) {
                    next.cancel(true);
                }
                throw e;
            }
            total = total.plus(written);
            lease.extend();
            if (page.nextLink() == null) {
                if (full && mayMarkUnseenRemoved(account, folderName, round, startedAt)) {
                    int unseen = unseenMessages.remove(
                            account.id(), folderName, startedAt, round.syncFrom(), round.confirmDeletions());
                    written = written.plus(new PageCounts(0, 0, unseen));
                    total = total.plus(new PageCounts(0, 0, unseen));
                }
                states.roundCompleted(
                        account.id(), folderName, page.deltaLink(), written, round.commandId(), clock.instant());
                return total;
            }
            states.pageWritten(account.id(), folderName, page.nextLink(), written);
            fetched = await(next);
        }
    }

    /**
     * Which messages a round tells as new mail, once it finds them not stored: none on the folder's first round (it
     * catches up with what the mailbox held); all on later incremental rounds; on a later full round (asked for, or
     * forced by Graph dropping the delta state) those received since the last round that completed began, so that a
     * full round does not announce old mail it stores again, or an earlier {@code syncFrom} reaches back to.
     *
     * @return {@code null} for none
     */
    static Instant newMailSince(Optional<FolderSyncState> state, boolean full) {
        var previous = state.filter(known -> known.lastCompletedAt() != null);
        if (previous.isEmpty()) {
            return null;
        }
        if (!full) {
            return Instant.MIN;
        }
        Instant completed = previous.get().lastCompletedAt();
        Instant started = previous.get().lastStartedAt();
        // A later round that started (and failed, or is this one resumed) moved lastStartedAt past the completion.
        return started == null || started.isAfter(completed) ? completed : started;
    }

    /** Not after a filtered round Graph may have cut short: what it did not list may still be there. */
    private boolean mayMarkUnseenRemoved(AccountSettings account, String folderName, Round round, Instant startedAt) {
        if (round.syncFrom() == null) {
            return true;
        }
        long seen = messages.countSeen(account.id(), folderName, startedAt);
        if (seen < filteredRoundCap) {
            return true;
        }
        log.warn(
                "Full round of {} / {} from {} saw {} messages, Graph's limit for a filtered delta query; "
                        + "messages it did not list are kept, not marked deleted",
                account.id(),
                folderName,
                round.syncFrom(),
                seen);
        return false;
    }

    private ShrinkingPages.Fetched fetch(
            AccountSettings account, String folderName, String link, int pageSize, Lease lease) {
        return pages.fetch(
                account, folderName, pageSize, lease, size -> folderRead(() -> reader.deltaPage(account, link, size)));
    }

    /** A delta read of a folder; 404: Graph knows no folder by the id it names (a link names it too). */
    private static DeltaPage folderRead(Supplier<DeltaPage> read) {
        try {
            return read.get();
        } catch (GraphCallFailed failure) {
            if (failure.status() == NOT_FOUND) {
                throw new FolderGone(failure);
            }
            throw failure;
        }
    }

    private static final class FolderGone extends RuntimeException {

        private final GraphCallFailed failure;

        FolderGone(GraphCallFailed failure) {
            super(failure.getMessage(), failure, false, false);
            this.failure = failure;
        }
    }

    private CompletableFuture<ShrinkingPages.Fetched> prefetch(
            AccountSettings account, String folderName, String link, int pageSize, Lease lease) {
        return CompletableFuture.supplyAsync(() -> fetch(account, folderName, link, pageSize, lease), prefetcher);
    }

    private static ShrinkingPages.Fetched await(CompletableFuture<ShrinkingPages.Fetched> next) {
        try {
            return next.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private PageCounts write(AccountSettings account, Folder folder, DeltaPage page, Instant newSince) {
        Instant now = clock.instant();
        var changed = new LinkedHashMap<String, ChangedMessage>();
        page.changed().forEach(message -> changed.put(MessageDocuments.idOf(account.id(), message.id()), message));
        var stored = stored(changed, newSince != null);
        if (newSince != null && !changed.isEmpty()) {
            announceNew(account, folder, changed, stored.keySet(), newSince, now);
        }
        Date syncedAt = Date.from(now);
        var documents = new ArrayList<Document>(changed.size());
        changed.forEach((id, message) -> documents.add(MessageDocuments.documentOf(
                account.id(),
                id,
                message,
                folder,
                message.hasAttachments() ? attachments.of(account, id, message.id(), stored.get(id)) : List.of(),
                syncedAt)));
        PageCounts upserted = messages.upsertPage(documents);
        var removedIds = page.removedIds().stream()
                .map(graphId -> MessageDocuments.idOf(account.id(), graphId))
                .toList();
        int removed = messages.markRemoved(folder.wellKnownName(), removedIds, now);
        written.written(account, folder.wellKnownName(), page.changed());
        return upserted.plus(new PageCounts(0, 0, removed));
    }

    /**
     * Which of the page's messages are stored already (our id → their stored attachments), in one read: of all of
     * them when new mail is told, else of those with attachments only; none read when neither applies.
     */
    private Map<String, List<Document>> stored(Map<String, ChangedMessage> changed, boolean all) {
        var ids = all
                ? List.copyOf(changed.keySet())
                : changed.entrySet().stream()
                        .filter(entry -> entry.getValue().hasAttachments())
                        .map(Map.Entry::getKey)
                        .toList();
        return ids.isEmpty() ? Map.of() : messages.storedAttachments(ids);
    }

    /** Before the write: once written, a page read again after a failure would show nothing new. */
    private void announceNew(
            AccountSettings account,
            Folder folder,
            Map<String, ChangedMessage> changed,
            Set<String> stored,
            Instant newSince,
            Instant now) {
        var arrived = new LinkedHashMap<String, ChangedMessage>();
        changed.forEach((id, message) -> {
            var received = message.fields().getDate("receivedDateTime");
            if (!stored.contains(id)
                    && (received == null || !received.toInstant().isBefore(newSince))) {
                arrived.put(id, message);
            }
        });
        if (!arrived.isEmpty()) {
            newMail.arrived(account, folder.wellKnownName(), arrived, now);
        }
    }

    /**
     * What a command asks of a folder's round.
     *
     * @param full start from nothing rather than from the stored delta link (or the round in progress)
     * @param syncFrom on a full round, skip mail received before this day
     * @param confirmDeletions a full round marks what it did not see deleted even if that is a mass deletion
     */
    record Round(String commandId, String runId, boolean full, LocalDate syncFrom, boolean confirmDeletions) {

        Round(String commandId, String runId, boolean full, LocalDate syncFrom) {
            this(commandId, runId, full, syncFrom, false);
        }

        Round restartedInFull() {
            return new Round(commandId, runId, true, syncFrom, confirmDeletions);
        }
    }
}
