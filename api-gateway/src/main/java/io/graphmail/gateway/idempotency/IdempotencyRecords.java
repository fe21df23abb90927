package io.graphmail.gateway.idempotency;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** The {@code idempotency_keys} collection; the gateway is its only writer. */
@Component
class IdempotencyRecords {

    /** A request still "in flight" after this long was abandoned (its gateway stopped). */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(1);

    private final MongoTemplate mongo;

    IdempotencyRecords(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Claims the key for a new request; empty if it was claimed before (see {@link #find}). */
    boolean claim(String id, String fingerprint, Instant now) {
        try {
            mongo.insert(new IdempotencyRecord(id, fingerprint, false, 0, null, null, null, now));
            return true;
        } catch (DuplicateKeyException used) {
            var abandoned = query(where("_id")
                    .is(id)
                    .and("completed")
                    .is(false)
                    .and("createdAt")
                    .lt(now.minus(ABANDONED_AFTER)));
            return mongo.remove(abandoned, IdempotencyRecord.class).getDeletedCount() > 0
                    && claim(id, fingerprint, now);
        }
    }

    Optional<IdempotencyRecord> find(String id) {
        return Optional.ofNullable(mongo.findById(id, IdempotencyRecord.class));
    }

    void complete(IdempotencyRecord record) {
        mongo.save(record);
    }

    void release(String id) {
        mongo.remove(query(where("_id").is(id)), IdempotencyRecord.class);
    }
}
