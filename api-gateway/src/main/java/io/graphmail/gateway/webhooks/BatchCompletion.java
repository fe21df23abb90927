package io.graphmail.gateway.webhooks;

import static org.springframework.data.mongodb.core.aggregation.Aggregation.group;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.match;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.newAggregation;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.graphmail.gateway.batches.CompletedBatch;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code batch.completed} for the batch's client, with its final counts, when the batch lifecycle makes it COMPLETED
 * (once per batch; the event's id derives from the batch, so a repeated signal is one event all the same). Reads the
 * gateway's {@code mail} collection without writing it.
 */
@Component
class BatchCompletion {

    private final MongoTemplate mongo;
    private final EmittingEvents emitting;

    BatchCompletion(MongoTemplate mongo, EmittingEvents emitting) {
        this.mongo = mongo;
        this.emitting = emitting;
    }

    @EventListener
    void on(CompletedBatch completed) {
        if (completed.client() == null) {
            return;
        }
        List<Webhook> audience = emitting.audience(completed.client(), null);
        if (audience.stream().noneMatch(webhook -> webhook.wants(WebhookEvents.BATCH_COMPLETED))) {
            return;
        }
        Map<String, Long> counts = counts(completed.batchId());
        var data = new LinkedHashMap<String, Object>();
        data.put("batchId", completed.batchId());
        data.put("accountId", completed.accountId());
        data.put("total", counts.values().stream().mapToLong(Long::longValue).sum());
        data.put("counts", counts);
        emitting.emit(
                WebhookEvent.of(WebhookEvents.BATCH_COMPLETED, completed.batchId(), completed.at(), data), audience);
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
