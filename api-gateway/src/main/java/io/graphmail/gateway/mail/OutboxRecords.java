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

    /** The sweeper could not publish a record it claimed: the next sweep may claim it at once, still never withdrawn. */
    void expireClaim(UUID id, Instant now);

    /**
     * The message is on the broker, in one write: no longer pending, and ACCEPTED if it was {@code scheduled} (unless
     * it moved on from SCHEDULED meanwhile, which leaves it as it is).
     */
    void markPublished(UUID id, boolean scheduled);

    /** One write for a whole batch: every record of it still pending has been published. */
    void markBatchPublished(String batchId);

    /**
     * Makes a failed or dead-lettered message ACCEPTED again with its resubmitted command, pending publication; false
     * if it was in neither status (someone else reopened it, or it never failed).
     */
    boolean reopen(UUID id, String outbox);

    /**
     * Unpublished records due now and not claimed by a sweeper until later, oldest first; records of held (paused) batches wait, and so do those of the
     * batches in {@code submitting}, which a gateway may still be submitting.
     */
    List<MailRecord> duePublishes(Instant now, int limit, List<String> submitting);

    /** The status of each of a batch's records, by id. */
    Map<String, MailStatus> statusesOfBatch(String batchId);
}
