package io.graphmail.gateway.mail;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Where the {@link Outbox} keeps its entries: the {@code mail} collection ({@link MailRecords}). */
public interface OutboxRecords {

    /** @throws org.springframework.dao.DuplicateKeyException if the id exists */
    void insert(MailRecord record);

    void insertAll(List<MailRecord> records);

    /**
     * Removes the record of a message whose request could not publish it, unless the sweeper has claimed it: then the
     * sweeper publishes it (or has), and the message stays accepted.
     *
     * @return false if the sweeper had claimed it, and it stays
     */
    boolean withdraw(UUID id);

    /**
     * Claims a due record for the sweeper until {@code until}: only one still pending whose claim, if any, has run out
     * by {@code now} (a sweeper that stopped after claiming it never published it, or may not have). From then on its
     * request can no longer withdraw it.
     *
     * @return false if it was published, withdrawn or claimed meanwhile
     */
    boolean claim(UUID id, Instant now, Instant until);

    /**
     * The message is on the broker, in one write: no longer pending, and ACCEPTED if it was {@code scheduled} (unless
     * it moved on from SCHEDULED meanwhile, which leaves it as it is).
     */
    void markPublished(UUID id, boolean scheduled);

    /**
     * One write for a whole batch: every record of it still pending has been published, but for those its window holds
     * back.
     */
    void markBatchPublished(String batchId);

    /**
     * Makes a failed or dead-lettered message ACCEPTED again with its resubmitted command, pending publication; false
     * if it was in neither status (someone else reopened it, or it never failed).
     */
    boolean reopen(UUID id, String outbox);

    /**
     * Unpublished records due now and not claimed by a sweeper until later, oldest first; records of held (paused) batches wait, and so do those of the
     * batches in {@code submitting}, which a gateway may still be submitting, and those a batch's window holds back.
     */
    List<MailRecord> duePublishes(Instant now, int limit, List<String> submitting);

    /** The status of each of a batch's records, by id, and whether its window holds it back. */
    Map<String, Recorded> recordedOfBatch(String batchId);

    /** A record as a resumed submission finds it. */
    record Recorded(MailStatus status, boolean awaitsWindow) {}

    /** The batches with messages held back by their window. */
    List<String> batchesAwaitingWindow();

    /** How many of the batch's messages are in its window: not final, and not held back by it. */
    long inWindow(String batchId);

    /**
     * Takes up to {@code limit} of the batch's messages held back by its window into it, claimed for publishing until
     * {@code until} as the sweeper claims a record (should they not be published by then, the sweeper publishes them).
     *
     * @return those taken, with their commands
     */
    List<MailRecord> claimBeyondWindow(String batchId, int limit, Instant now, Instant until);

    /** Those messages are on the broker: no longer pending, and ACCEPTED if they were SCHEDULED. */
    void markPublished(List<UUID> ids);

    /**
     * Could not publish those claimed records (by the sweeper or a window's refill): the next sweep may claim them at
     * once, still never withdrawn.
     */
    void expireClaims(List<UUID> ids, Instant now);
}
