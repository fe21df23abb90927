package io.graphmail.gateway.webhooks.endpoints;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.client.model.Filters;
import java.time.Clock;
import java.time.Duration;
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

/**
 * The {@code webhooks} collection; the gateway is its only writer.
 *
 * <p>Who listens to a client ({@link #audience}) is asked for every result a worker reports and usually answered with
 * nobody, so each gateway remembers the answer for {@link #AUDIENCE_CACHED_FOR}. A change made through this gateway
 * forgets every answer at once; one made through another gateway is heard here within that time.
 */
@Component
public class Webhooks {

    static final Duration AUDIENCE_CACHED_FOR = Duration.ofSeconds(1);

    private final MongoTemplate mongo;
    private final Cache<Audience, List<Webhook>> audiences;

    Webhooks(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.audiences = Caffeine.newBuilder()
                .expireAfterWrite(AUDIENCE_CACHED_FOR)
                .maximumSize(10_000)
                .ticker(() -> clock.millis() * 1_000_000)
                .build();
    }

    public void save(Webhook webhook) {
        mongo.save(webhook);
        audiences.invalidateAll();
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
        boolean deleted =
                mongo.remove(query(where("_id").is(id)), Webhook.class).getDeletedCount() > 0;
        audiences.invalidateAll();
        return deleted;
    }

    /**
     * Enabled endpoints that may hear of an object of {@code owner}'s, or (when not null) of {@code accountId}, as read
     * at most {@link #AUDIENCE_CACHED_FOR} ago. A delivery reads its endpoint again before calling it, so one removed or
     * disabled meanwhile is not called.
     */
    public List<Webhook> audience(String owner, String accountId) {
        return audiences.get(new Audience(owner, accountId), this::read);
    }

    /** Through the driver: no query mapping, and the entity mapping only for what is found. */
    private List<Webhook> read(Audience audience) {
        String owner = audience.owner();
        String accountId = audience.accountId();
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
            return List.copyOf(found);
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
        boolean disabled = mongo.updateFirst(
                                query(where("_id").is(id).and("enabled").is(true)),
                                new Update().set("enabled", false).set("disabledReason", reason),
                                Webhook.class)
                        .getModifiedCount()
                > 0;
        audiences.invalidateAll();
        return disabled;
    }

    /** @param accountId {@code null} when the object belongs to no account of interest */
    private record Audience(String owner, String accountId) {}
}
