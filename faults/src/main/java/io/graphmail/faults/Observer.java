package io.graphmail.faults;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import java.time.Duration;
import java.util.Optional;
import org.bson.Document;

/** Reads the gateway's MongoDB (never writes it) to time a fault: a batch half recorded while still SUBMITTING. */
final class Observer implements AutoCloseable {

    private final MongoClient client;

    Observer(int port) {
        this.client = MongoClients.create("mongodb://127.0.0.1:" + port + "/?serverSelectionTimeoutMS=2000");
    }

    /**
     * Waits until a batch is SUBMITTING with at least {@code recorded} of its messages recorded, and answers how many
     * were when it was seen; empty if none was seen within {@code timeout}.
     */
    Optional<Long> batchHalfRecorded(long recorded, Duration timeout) {
        var database = client.getDatabase("graphmail");
        long[] seen = {0};
        boolean found = Waiting.within(timeout, Duration.ofMillis(20), () -> {
            Document batch = database.getCollection("batches")
                    .find(Filters.eq("state", "SUBMITTING"))
                    .first();
            if (batch == null) {
                return false;
            }
            seen[0] = database.getCollection("mail")
                    .countDocuments(Filters.eq("batchId", batch.get("_id").toString()));
            return seen[0] >= recorded;
        });
        return found ? Optional.of(seen[0]) : Optional.empty();
    }

    @Override
    public void close() {
        client.close();
    }
}
