package io.graphmail.gateway.webhooks.delivery;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.graphmail.gateway.webhooks.endpoints.WebhookProperties;
import io.graphmail.platform.mongodb.CollectionIndexes;
import io.graphmail.platform.mongodb.ExpiryIndex;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** The {@code webhook_deliveries} collection; the gateway is its only writer. */
@Component
public class WebhookDeliveries implements CollectionIndexes {

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
        new ExpiryIndex("retention", "createdAt", properties.retention()).createIn(indexes);
        indexes.createIndex(new Index("webhookId", Sort.Direction.ASC).on("createdAt", Sort.Direction.DESC));
    }

    /**
     * Stores each delivery unless one with its id exists (one unordered bulk write); answers the ids, among them,
     * of those pending with no attempt yet: the new ones, and any whose queueing an earlier failure may have lost.
     * Both round trips select by {@code _id} alone (status and attempts are judged here), so that a database without
     * secondary indexes finds them by its {@code _id} index rather than by reading the whole collection.
     */
    List<String> createAllIfAbsent(List<WebhookDelivery> all) {
        var bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, WebhookDelivery.class);
        for (WebhookDelivery delivery : all) {
            bulk.upsert(byId(delivery.id()), insertOnly(delivery));
        }
        bulk.execute();
        var ids = all.stream().map(WebhookDelivery::id).toList();
        var found = new ArrayList<String>();
        mongo.getCollection(mongo.getCollectionName(WebhookDelivery.class))
                .find(new Document("_id", new Document("$in", ids)))
                .projection(new Document("status", 1).append("attempts", 1))
                .forEach(document -> {
                    if (WebhookDelivery.Status.PENDING.name().equals(document.getString("status"))
                            && document.getInteger("attempts", 0) == 0) {
                        found.add(document.getString("_id"));
                    }
                });
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

    public void insert(WebhookDelivery delivery) {
        mongo.insert(delivery);
    }

    public Optional<WebhookDelivery> find(String id) {
        return Optional.ofNullable(mongo.findById(id, WebhookDelivery.class));
    }

    /** Newest first, after the cursor's position. */
    public List<WebhookDelivery> page(String webhookId, DeliveryCursor after, int limit) {
        var criteria = where("webhookId").is(webhookId);
        if (after != null) {
            criteria = criteria.orOperator(
                    where("createdAt").lt(after.createdAt()),
                    where("createdAt").is(after.createdAt()).and("_id").lt(after.id()));
        }
        var sort = Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("_id"));
        return mongo.find(query(criteria).with(sort).limit(limit), WebhookDelivery.class);
    }

    /**
     * A failed attempt, another one due at {@code nextAttemptAt}, recorded only while the delivery is pending (a
     * redelivered copy of a finished delivery changes nothing).
     */
    void attempted(String id, Integer statusCode, String error, Instant at, Instant nextAttemptAt) {
        var update = new Update()
                .inc("attempts", 1)
                .set("lastStatusCode", statusCode)
                .set("lastError", error)
                .set("lastAttemptAt", at)
                .set("nextAttemptAt", nextAttemptAt);
        mongo.updateFirst(pending(id), update, WebhookDelivery.class);
    }

    /** The delivery's outcome, one write, recorded only while the delivery is pending. */
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

    private static Query byId(String id) {
        return query(where("_id").is(id));
    }

    /** {@code {_id, status}} at the top level, which MongoDB (and the tests' in-process server) answer by the _id index. */
    private static Query pending(String id) {
        return query(where("_id").is(id).and("status").is(WebhookDelivery.Status.PENDING));
    }
}
