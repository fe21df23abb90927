package io.graphmail.gateway.batches;

import static org.springframework.data.mongodb.core.aggregation.Aggregation.group;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.match;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.newAggregation;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.graphmail.gateway.mail.MailStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Reads what an account has queued besides a batch: the {@link Workload} its completion is estimated from. */
@Component
class AccountQueues {

    private static final String SINGLES = "";

    private final MongoTemplate mongo;

    AccountQueues(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Paused batches' messages wait and take no slot, so only ACTIVE batches count. */
    Workload workload(Batch batch, long remaining) {
        Map<String, Long> queued = queuedByBatch(batch.accountId(), batch.id());
        long singles = queued.getOrDefault(SINGLES, 0L);
        queued.remove(SINGLES);
        List<Long> others = new ArrayList<>();
        if (!queued.isEmpty()) {
            var active = query(where("_id").in(queued.keySet()).and("state").is(Batch.State.ACTIVE));
            active.fields().include("_id");
            mongo.find(active, Document.class, "batches")
                    .forEach(other -> others.add(queued.get(other.getString("_id"))));
        }
        return new Workload(remaining, singles, others);
    }

    /** The account's queued messages by batch id, {@link #SINGLES} for those of no batch; {@code except} left out. */
    private Map<String, Long> queuedByBatch(String accountId, String except) {
        var queued = new HashMap<String, Long>();
        mongo.aggregate(
                        newAggregation(
                                match(where("accountId")
                                        .is(accountId)
                                        .and("status")
                                        .in(MailStatus.QUEUED)
                                        .and("batchId")
                                        .ne(except)),
                                group("batchId").count().as("count")),
                        "mail",
                        Document.class)
                .forEach(row -> queued.put(
                        row.get("_id") == null ? SINGLES : row.getString("_id"),
                        ((Number) row.get("count")).longValue()));
        return queued;
    }
}
