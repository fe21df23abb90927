package io.graphmail.gateway.webhooks;

import static org.springframework.data.mongodb.core.aggregation.Aggregation.group;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.match;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.newAggregation;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Whether a batch is complete: fully submitted and every message final. Reads the {@code batches} and {@code mail}
 * collections (the gateway's own) without writing them; the event's id derives from the batch, so the several
 * listeners that may see the last results at once tell it once.
 */
@Component
class BatchCompletion {

    private static final List<String> FINAL = List.of("SENT", "FAILED", "DEAD_LETTERED", "CANCELLED");

    private final MongoTemplate mongo;

    BatchCompletion(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    Optional<WebhookEvent> completed(String batchId, Instant at) {
        Document batch = mongo.getCollection("batches")
                .find(new Document("_id", batchId))
                .first();
        if (batch == null || "SUBMITTING".equals(batch.getString("state")) || batch.get("withdrawnAt") != null) {
            return Optional.empty();
        }
        // Cheap before the full count: while any message is still open (most of a batch's life), stop here.
        if (mongo.exists(
                query(where("batchId").is(batchId).and("status").nin(FINAL)).limit(1), "mail")) {
            return Optional.empty();
        }
        Map<String, Long> counts = counts(batchId);
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        boolean allFinal = counts.keySet().stream().allMatch(FINAL::contains);
        if (!allFinal || total < batch.getInteger("total", 0)) {
            return Optional.empty();
        }
        var data = new LinkedHashMap<String, Object>();
        data.put("batchId", batchId);
        data.put("accountId", batch.getString("accountId"));
        data.put("total", total);
        data.put("counts", counts);
        return Optional.of(WebhookEvent.of(WebhookEvents.BATCH_COMPLETED, batchId, at, data));
    }

    private Map<String, Long> counts(String batchId) {
        var counts = new LinkedHashMap<String, Long>();
        mongo.aggregate(
                        newAggregation(
                                match(where("batchId").is(batchId)),
                                group("status").count().as("count")),
                        "mail",
                        Document.class)
                .forEach(row -> counts.put(row.getString("_id"), ((Number) row.get("count")).longValue()));
        return counts;
    }
}
