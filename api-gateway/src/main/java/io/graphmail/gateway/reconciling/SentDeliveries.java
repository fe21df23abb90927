package io.graphmail.gateway.reconciling;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads (never writes: the workers own it) the workers' {@code deliveries} collection, to learn that a message a
 * worker recorded as sent really went out.
 */
@Component
class SentDeliveries {

    private static final String COLLECTION = "deliveries";

    private final MongoTemplate mongo;

    SentDeliveries(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** What the workers recorded for the delivery key if they sent it, else empty. */
    Optional<Sent> find(String deliveryKey) {
        var found =
                mongo.findOne(query(where("_id").is(deliveryKey).and("state").is("SENT")), Document.class, COLLECTION);
        if (found == null) {
            return Optional.empty();
        }
        Date sentAt = found.getDate("sentAt");
        Number attempts = found.get("attempts", Number.class);
        return Optional.of(new Sent(
                attempts == null ? 1 : attempts.intValue(), sentAt == null ? Instant.now() : sentAt.toInstant()));
    }

    record Sent(int attempts, Instant sentAt) {}
}
