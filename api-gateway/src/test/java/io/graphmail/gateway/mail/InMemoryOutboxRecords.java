package io.graphmail.gateway.mail;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;

/**
 * The outbox's records in memory, with the rules of {@link MailRecords}; counts the writes each record costs. Safe to
 * use from several threads, as the outbox records a batch's next chunk on another.
 */
public class InMemoryOutboxRecords implements OutboxRecords {

    private final Map<String, MailRecord> records = new LinkedHashMap<>();
    private final Map<String, Instant> claimedUntil = new HashMap<>();
    private int writes;

    @Override
    public synchronized void insert(MailRecord record) {
        if (records.putIfAbsent(record.id(), record) != null) {
            throw new DuplicateKeyException(record.id());
        }
        writes++;
    }

    @Override
    public synchronized void insertAll(List<MailRecord> all) {
        all.forEach(this::insert);
    }

    @Override
    public synchronized boolean withdraw(UUID id) {
        writes++;
        var record = records.get(id.toString());
        if (record == null || !record.pendingPublish() || claimedUntil.containsKey(record.id())) {
            return false;
        }
        records.remove(record.id());
        return true;
    }

    @Override
    public synchronized boolean claim(UUID id, Instant now, Instant until) {
        writes++;
        var record = records.get(id.toString());
        if (record == null || !record.pendingPublish() || !unclaimed(record, now)) {
            return false;
        }
        claimedUntil.put(record.id(), until);
        return true;
    }

    /** Whether a sweeper has ever claimed the record. */
    public synchronized boolean claimed(UUID id) {
        return claimedUntil.containsKey(id.toString());
    }

    private boolean unclaimed(MailRecord record, Instant now) {
        var until = claimedUntil.get(record.id());
        return until == null || !until.isAfter(now);
    }

    @Override
    public synchronized void markPublished(UUID id, boolean scheduled) {
        writes++;
        update(
                id.toString(),
                record -> scheduled && record.status() != MailStatus.SCHEDULED
                        ? record
                        : with(record, scheduled ? MailStatus.ACCEPTED : record.status(), false, record.outbox()));
    }

    @Override
    public synchronized void markBatchPublished(String batchId) {
        writes++;
        records.replaceAll((id, record) ->
                batchId.equals(record.batchId()) && record.pendingPublish() && !record.isAwaitingWindow()
                        ? with(record, record.status(), false, record.outbox())
                        : record);
    }

    @Override
    public synchronized boolean reopen(UUID id, String outbox) {
        var record = records.get(id.toString());
        if (record == null
                || !List.of(MailStatus.FAILED, MailStatus.DEAD_LETTERED).contains(record.status())) {
            return false;
        }
        writes++;
        claimedUntil.remove(record.id());
        records.put(record.id(), with(record, MailStatus.ACCEPTED, true, outbox));
        return true;
    }

    @Override
    public synchronized List<MailRecord> duePublishes(Instant now, int limit, List<String> submitting) {
        return records.values().stream()
                .filter(MailRecord::pendingPublish)
                .filter(record -> !record.isAwaitingWindow())
                .filter(record -> !record.publishAt().isAfter(now))
                .filter(record -> unclaimed(record, now))
                .filter(record -> !submitting.contains(record.batchId()))
                .sorted(Comparator.comparing(MailRecord::publishAt))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized Map<String, Recorded> recordedOfBatch(String batchId) {
        return records.values().stream()
                .filter(record -> batchId.equals(record.batchId()))
                .collect(Collectors.toMap(
                        MailRecord::id, record -> new Recorded(record.status(), record.isAwaitingWindow())));
    }

    @Override
    public synchronized List<String> batchesAwaitingWindow() {
        return records.values().stream()
                .filter(MailRecord::isAwaitingWindow)
                .map(MailRecord::batchId)
                .distinct()
                .toList();
    }

    @Override
    public synchronized long inWindow(String batchId) {
        return records.values().stream()
                .filter(record -> batchId.equals(record.batchId()))
                .filter(record -> MailStatus.UNFINISHED.contains(record.status()))
                .filter(record -> !record.isAwaitingWindow())
                .count();
    }

    @Override
    public synchronized List<MailRecord> claimBeyondWindow(String batchId, int limit, Instant now, Instant until) {
        writes++;
        var taken = records.values().stream()
                .filter(record -> batchId.equals(record.batchId()) && record.isAwaitingWindow())
                .sorted(Comparator.comparing(MailRecord::id))
                .limit(limit)
                .map(record -> inWindow(record, now))
                .toList();
        taken.forEach(record -> {
            records.put(record.id(), record);
            claimedUntil.put(record.id(), until);
        });
        return taken;
    }

    @Override
    public synchronized void markPublished(List<UUID> ids) {
        writes++;
        ids.forEach(id -> update(
                id.toString(),
                record -> with(
                        record, record.isScheduled() ? MailStatus.ACCEPTED : record.status(), false, record.outbox())));
    }

    @Override
    public synchronized void expireClaims(List<UUID> ids, Instant now) {
        writes++;
        ids.forEach(id -> {
            var record = records.get(id.toString());
            if (record != null && record.pendingPublish()) {
                claimedUntil.put(record.id(), now);
            }
        });
    }

    public synchronized Optional<MailRecord> find(UUID id) {
        return Optional.ofNullable(records.get(id.toString()));
    }

    public synchronized List<MailRecord> all() {
        return List.copyOf(records.values());
    }

    /** What withdrawing a batch does to its records: they go. */
    public synchronized void removeBatch(String batchId) {
        records.values().removeIf(record -> batchId.equals(record.batchId()));
    }

    /** A worker's report: the message reached {@code status}. */
    public synchronized void report(UUID id, MailStatus status) {
        update(id.toString(), record -> with(record, status, false, record.outbox()));
    }

    /** Writes to the records so far; each record, each update and each bulk update counts one. */
    public synchronized int writes() {
        return writes;
    }

    private void update(String id, UnaryOperator<MailRecord> change) {
        records.computeIfPresent(id, (key, record) -> change.apply(record));
    }

    /** What a refill makes of a message its window held back: due now, in the window. */
    private static MailRecord inWindow(MailRecord record, Instant now) {
        return new MailRecord(
                record.id(),
                record.accountId(),
                record.status(),
                record.attempts(),
                record.lastError(),
                record.acceptedAt(),
                record.sentAt(),
                record.pendingPublish(),
                now,
                record.batchId(),
                record.outbox(),
                record.correlationId(),
                record.client());
    }

    private static MailRecord with(MailRecord record, MailStatus status, boolean pendingPublish, String outbox) {
        return new MailRecord(
                record.id(),
                record.accountId(),
                status,
                record.attempts(),
                record.lastError(),
                record.acceptedAt(),
                record.sentAt(),
                pendingPublish,
                record.publishAt(),
                record.batchId(),
                outbox,
                record.correlationId(),
                record.client(),
                record.bounce(),
                record.awaitsWindow());
    }
}
