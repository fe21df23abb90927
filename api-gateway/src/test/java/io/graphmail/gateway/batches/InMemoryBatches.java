package io.graphmail.gateway.batches;

import io.graphmail.gateway.mail.InMemoryOutboxRecords;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;

/** The {@code batches} collection in memory, with the rules of {@link Batches}. */
class InMemoryBatches extends Batches {

    private final Map<String, Batch> batches = new LinkedHashMap<>();
    private final InMemoryOutboxRecords records;

    InMemoryBatches(InMemoryOutboxRecords records) {
        super(null);
        this.records = records;
    }

    @Override
    void insert(Batch batch) {
        if (batches.putIfAbsent(batch.id(), batch) != null) {
            throw new DuplicateKeyException(batch.id());
        }
    }

    @Override
    Optional<Batch> find(String id) {
        return Optional.ofNullable(batches.get(id));
    }

    @Override
    boolean activate(String id, Batch.State running) {
        var batch = batches.get(id);
        if (batch != null && batch.state() == Batch.State.SUBMITTING) {
            batches.put(id, batch.in(running));
            return true;
        }
        return batch != null && !batch.withdrawn();
    }

    @Override
    void withdraw(String id, Instant now) {
        var batch = batches.get(id);
        if (batch != null && batch.state() == Batch.State.SUBMITTING) {
            batches.put(
                    id,
                    new Batch(
                            id,
                            batch.accountId(),
                            Batch.State.CANCELLED,
                            batch.total(),
                            batch.createdAt(),
                            batch.sendAt(),
                            batch.client(),
                            now,
                            null));
        }
        if (find(id).filter(Batch::withdrawn).isPresent()) {
            records.removeBatch(id);
        }
    }

    @Override
    public List<String> submitting() {
        return batches.values().stream()
                .filter(batch -> batch.state() == Batch.State.SUBMITTING)
                .map(Batch::id)
                .toList();
    }

    @Override
    Map<String, String> activeAccounts(List<String> ids) {
        var active = new LinkedHashMap<String, String>();
        ids.stream()
                .map(batches::get)
                .filter(batch -> batch != null && batch.state() == Batch.State.ACTIVE)
                .forEach(batch -> active.put(batch.id(), batch.accountId()));
        return active;
    }

    /** What a client does to the batch through the API, such as pausing it. */
    void change(String id, Batch.State to) {
        batches.computeIfPresent(id, (key, batch) -> batch.in(to));
    }

    List<Batch> all() {
        return List.copyOf(batches.values());
    }
}
