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

    void delete(UUID id);

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
     * Unpublished records due now, oldest first; records of held (paused) batches wait, and so do those of the
     * batches in {@code submitting}, which a gateway may still be submitting.
     */
    List<MailRecord> duePublishes(Instant now, int limit, List<String> submitting);

    /** The status of each of a batch's records, by id. */
    Map<String, MailStatus> statusesOfBatch(String batchId);
}
