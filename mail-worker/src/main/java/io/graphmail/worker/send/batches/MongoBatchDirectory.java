package io.graphmail.worker.send.batches;

import java.util.UUID;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Reads a batch's state from the gateway's {@code batches} collection; never writes it. */
@Component
class MongoBatchDirectory implements BatchDirectory {

    private final MongoTemplate mongo;
    private final RecentStates recent;

    MongoBatchDirectory(MongoTemplate mongo) {
        this.mongo = mongo;
        this.recent = new RecentStates(this::state, System::nanoTime);
    }

    @Override
    public State state(UUID batchId) {
        Document batch = mongo.findById(batchId.toString(), Document.class, "batches");
        return batch == null || batch.getString("state") == null
                ? State.ACTIVE
                : State.valueOf(batch.getString("state"));
    }

    @Override
    public State recentState(UUID batchId) {
        return recent.of(batchId);
    }
}
