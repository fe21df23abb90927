package io.graphmail.worker.send.batches;

import java.time.Duration;
import java.util.UUID;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Reads a batch's state from the gateway's {@code batches} collection; never writes it. */
@Component
class MongoBatchDirectory implements BatchDirectory {

    /**
     * A 10,000-message batch is submitted in about a second by a warm gateway on a quiet machine, a 5,000-message one
     * in over 2 s at times by a busy one.
     */
    private static final Duration SUBMISSION_WAIT = Duration.ofSeconds(5);

    private final MongoTemplate mongo;
    private final RecentStates recent;
    private final SubmissionWaits submissions;

    MongoBatchDirectory(MongoTemplate mongo) {
        this.mongo = mongo;
        this.recent = new RecentStates(this::state, System::nanoTime);
        this.submissions = new SubmissionWaits(recent::of, SUBMISSION_WAIT, System::nanoTime);
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

    @Override
    public State afterSubmission(UUID batchId) {
        return submissions.afterSubmission(batchId);
    }
}
