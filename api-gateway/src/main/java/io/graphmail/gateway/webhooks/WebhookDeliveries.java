package io.graphmail.gateway.webhooks;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.graphmail.platform.mongodb.CollectionIndexes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** The {@code webhook_deliveries} collection; the gateway is its only writer. */
@Component
class WebhookDeliveries implements CollectionIndexes {

    private final MongoTemplate mongo;
    private final WebhookProperties properties;

    WebhookDeliveries(MongoTemplate mongo, WebhookProperties properties) {
        this.mongo = mongo;
        this.properties = properties;
    }

    /** Deliveries are kept for the configured retention; an endpoint's log is read newest first. */
    @Override
    public void create() {
        var indexes = mongo.indexOps(WebhookDelivery.class);
        indexes.createIndex(new Index("createdAt", Sort.Direction.ASC)
                .named("retention")
                .expire(properties.retention().toSeconds(), TimeUnit.SECONDS));
        indexes.createIndex(new Index("webhookId", Sort.Direction.ASC).on("createdAt", Sort.Direction.DESC));
    }

    /**
     * Stores each delivery unless one with its id exists (one unordered bulk write); answers the ids, among them,
     * of those pending with no attempt yet: the new ones, and any whose queueing an earlier failure may have lost.
     */
    List<String> createAllIfAbsent(List<WebhookDelivery> all) {
        var bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, WebhookDelivery.class);
        for (WebhookDelivery delivery : all) {
            bulk.upsert(query(where("_id").is(delivery.id())), insertOnly(delivery));
        }
        bulk.execute();
        var ids = all.stream().map(WebhookDelivery::id).toList();
        var unattempted = new Document("_id", new Document("$in", ids))
                .append("status", WebhookDelivery.Status.PENDING.name())
                .append("attempts", 0);
        var found = new ArrayList<String>();
        mongo.getCollection(mongo.getCollectionName(WebhookDelivery.class))
                .find(unattempted)
                .projection(new Document("_id", 1))
                .forEach(document -> found.add(document.getString("_id")));
        return found;
    }

    private Update insertOnly(WebhookDelivery delivery) {
        var update = new Update();
        var document = new Document();
        mongo.getConverter().write(delivery, document);
        document.remove("_id");
        document.forEach(update::setOnInsert);
        return update;
    }

    void insert(WebhookDelivery delivery) {
        mongo.insert(delivery);
    }

    Optional<WebhookDelivery> find(String id) {
        return Optional.ofNullable(mongo.findById(id, WebhookDelivery.class));
    }

    /** Newest first, after the cursor's position. */
    List<WebhookDelivery> page(String webhookId, DeliveryCursor after, int limit) {
        var criteria = where("webhookId").is(webhookId);
        if (after != null) {
            criteria = criteria.orOperator(
                    where("createdAt").lt(after.createdAt()),
                    where("createdAt").is(after.createdAt()).and("_id").lt(after.id()));
        }
        var sort = Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("_id"));
        return mongo.find(query(criteria).with(sort).limit(limit), WebhookDelivery.class);
    }

    void attempted(String id, Integer statusCode, String error, Instant at, Instant nextAttemptAt) {
        var update = new Update()
                .inc("attempts", 1)
                .set("lastStatusCode", statusCode)
                .set("lastError", error)
                .set("lastAttemptAt", at)
                .set("nextAttemptAt", nextAttemptAt);
        mongo.updateFirst(pending(id), update, WebhookDelivery.class);
    }

    void finish(String id, WebhookDelivery.Status status, Integer statusCode, String error, Instant at, int inc) {
        var update = new Update()
                .inc("attempts", inc)
                .set("status", status)
                .set("lastStatusCode", statusCode)
                .set("lastError", error)
                .set("lastAttemptAt", at)
                .unset("nextAttemptAt");
        mongo.updateFirst(pending(id), update, WebhookDelivery.class);
    }

    private static Query pending(String id) {
        return query(
                new Criteria().andOperator(where("_id").is(id), where("status").is(WebhookDelivery.Status.PENDING)));
    }
}
