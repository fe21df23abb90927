package io.graphmail.gateway.webhooks.endpoints;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.client.model.Filters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** The {@code webhooks} collection; the gateway is its only writer. */
@Component
public class Webhooks {

    private final MongoTemplate mongo;

    Webhooks(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public void save(Webhook webhook) {
        mongo.save(webhook);
    }

    public Optional<Webhook> find(String id) {
        return Optional.ofNullable(mongo.findById(id, Webhook.class));
    }

    public List<Webhook> ofClient(String client, String after, int limit) {
        var criteria = where("client").is(client);
        if (after != null) {
            criteria = criteria.and("_id").gt(after);
        }
        return mongo.find(query(criteria).with(Sort.by("_id")).limit(limit), Webhook.class);
    }

    public boolean delete(String id) {
        return mongo.remove(query(where("_id").is(id)), Webhook.class).getDeletedCount() > 0;
    }

    /**
     * Enabled endpoints that may hear of an object of {@code owner}'s, or (when not null) of {@code accountId}. Asked
     * for every result a worker reports, and usually answered with none, so it goes through the driver: no query
     * mapping, and the entity mapping only for what is found.
     */
    public List<Webhook> audience(String owner, String accountId) {
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

    /**
     * A delivery failed at {@code at}: the endpoint has been failing since then unless it was already, in one update
     * by {@code _id} alone. {@code $min} sets a missing {@code failingSince} and keeps an earlier one (a failure another
     * delivery recorded since this one read the endpoint), so the answer is when the endpoint really started failing.
     *
     * @return since when the endpoint has been failing; {@code at} if it is gone
     */
    public Instant failing(String id, Instant at) {
        Webhook failing = mongo.findAndModify(
                query(where("_id").is(id)),
                new Update().min("failingSince", at),
                FindAndModifyOptions.options().returnNew(true),
                Webhook.class);
        return failing == null || failing.failingSince() == null ? at : failing.failingSince();
    }

    /** A delivery succeeded: the endpoint is healthy again. */
    public void healthy(String id) {
        mongo.updateFirst(query(where("_id").is(id)), new Update().unset("failingSince"), Webhook.class);
    }

    /** False if it was disabled already (or is gone). */
    public boolean disable(String id, String reason) {
        return mongo.updateFirst(
                                query(where("_id").is(id).and("enabled").is(true)),
                                new Update().set("enabled", false).set("disabledReason", reason),
                                Webhook.class)
                        .getModifiedCount()
                > 0;
    }
}
