package io.graphmail.gateway.notifications;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads the workers' {@code push_subscriptions} collection (workers are its only writers, since they hold the tokens
 * and talk to Graph): which folder a subscription is for and the hash of its client state.
 */
@Component
public class KnownSubscriptions {

    static final String COLLECTION = "push_subscriptions";

    private final MongoTemplate mongo;

    KnownSubscriptions(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** A live subscription of one synced folder. */
    record Known(String subscriptionId, String accountId, String folder, String clientStateHash) {}

    /** A synced folder's push state, as the schedule needs it. */
    public record PushedFolder(String folder, boolean active, Instant expiresAt) {

        /** Pushed and not about to lapse: its changes arrive as notifications. */
        public boolean healthyAt(Instant now) {
            return active && expiresAt != null && expiresAt.isAfter(now);
        }
    }

    Optional<Known> find(String subscriptionId) {
        var document = mongo.findOne(query(where("subscriptionId").is(subscriptionId)), Document.class, COLLECTION);
        return Optional.ofNullable(document)
                .map(found -> new Known(
                        subscriptionId,
                        found.getString("accountId"),
                        found.getString("folder"),
                        found.getString("clientStateHash")));
    }

    /** Every synced folder of the account that push is set up for (active or fallen back to polling). */
    public List<PushedFolder> ofAccount(String accountId) {
        return mongo.find(query(where("accountId").is(accountId)), Document.class, COLLECTION).stream()
                .map(found -> new PushedFolder(
                        found.getString("folder"),
                        "ACTIVE".equals(found.getString("state")) && found.getString("subscriptionId") != null,
                        found.getDate("expiresAt") == null
                                ? null
                                : found.getDate("expiresAt").toInstant()))
                .toList();
    }
}
