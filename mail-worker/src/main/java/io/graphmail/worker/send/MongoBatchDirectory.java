package io.graphmail.worker.send;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Reads a batch's state from the gateway's {@code batches} collection; never writes it. */
@Component
class MongoBatchDirectory implements BatchDirectory {

    private static final Bson STATE_ONLY = Projections.include("state");

    private final MongoTemplate mongo;

    MongoBatchDirectory(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * The batch's state as read at most a second ago; ACTIVE for an unknown batch, whose messages
     * were accepted all the same. SUBMITTING is not kept: it lasts only until the submission ends.
     */
    @Cacheable(
            value = "batch-states",
            unless = "#result == T(io.graphmail.worker.send.BatchDirectory.State).SUBMITTING")
    @Override
    public State state(UUID batchId) {
        return currentState(batchId);
    }

    /**
     * Read before every message of a batch goes to Graph, so the cheapest read there is: the state field alone, by
     * {@code _id}, through the driver (no query or entity mapping).
     */
    @Override
    public State currentState(UUID batchId) {
        Document batch = mongo.execute(
                "batches",
                collection -> collection
                        .find(Filters.eq("_id", batchId.toString()))
                        .projection(STATE_ONLY)
                        .first());
        return batch == null || batch.getString("state") == null
                ? State.ACTIVE
                : State.valueOf(batch.getString("state"));
    }
}
