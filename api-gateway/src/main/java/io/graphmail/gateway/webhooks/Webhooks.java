package io.graphmail.gateway.webhooks;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.client.model.Filters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** The {@code webhooks} collection; the gateway is its only writer. */
@Component
class Webhooks {

    private final MongoTemplate mongo;

    Webhooks(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    void save(Webhook webhook) {
        mongo.save(webhook);
    }

    Optional<Webhook> find(String id) {
        return Optional.ofNullable(mongo.findById(id, Webhook.class));
    }

    List<Webhook> ofClient(String client, String after, int limit) {
        var criteria = where("client").is(client);
        if (after != null) {
            criteria = criteria.and("_id").gt(after);
        }
        return mongo.find(query(criteria).with(Sort.by("_id")).limit(limit), Webhook.class);
    }

    boolean delete(String id) {
        return mongo.remove(query(where("_id").is(id)), Webhook.class).getDeletedCount() > 0;
    }

    /**
     * Enabled endpoints that may hear of an object of {@code owner}'s, or (when not null) of {@code accountId}. Asked
     * for every result a worker reports, and usually answered with none, so it goes through the driver: no query
     * mapping, and the entity mapping only for what is found.
     */
    List<Webhook> audience(String owner, String accountId) {
        var who = accountId == null
                ? Filters.or(Filters.eq("client", owner), Filters.eq("admin", true))
                : Filters.or(
                        Filters.eq("client", owner), Filters.eq("admin", true), Filters.in("accounts", accountId, "*"));
        var enabled = Filters.and(Filters.eq("enabled", true), who);
        return mongo.execute(Webhook.class, collection -> {
            var found = new ArrayList<Webhook>();
            for (Document webhook : collection.find(enabled)) {
                found.add(mongo.getConverter().read(Webhook.class, webhook));
            }
            return found;
        });
    }

    /** A delivery failed: the endpoint has been failing since then, unless it was already. */
    void failing(String id, Instant at) {
        mongo.updateFirst(
                query(where("_id").is(id).and("failingSince").is(null)),
                new Update().set("failingSince", at),
                Webhook.class);
    }

    void healthy(String id) {
        mongo.updateFirst(
                query(where("_id").is(id).and("failingSince").ne(null)),
                new Update().unset("failingSince"),
                Webhook.class);
    }

    /** False if it was disabled already (or is gone). */
    boolean disable(String id, String reason) {
        return mongo.updateFirst(
                                query(where("_id").is(id).and("enabled").is(true)),
                                new Update().set("enabled", false).set("disabledReason", reason),
                                Webhook.class)
                        .getModifiedCount()
                > 0;
    }
}
