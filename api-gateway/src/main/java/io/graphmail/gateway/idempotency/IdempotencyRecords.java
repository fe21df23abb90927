package io.graphmail.gateway.idempotency;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** The {@code idempotency_keys} collection; the gateway is its only writer. */
@Component
class IdempotencyRecords {

    private final MongoTemplate mongo;
    private final IdempotencyProperties properties;

    IdempotencyRecords(MongoTemplate mongo, IdempotencyProperties properties) {
        this.mongo = mongo;
        this.properties = properties;
    }

    /**
     * Claims the key for this request: a new key, or one whose earlier request with the same fingerprint was left in
     * flight by a gateway that stopped (its lease lapsed), which keeps its origin. Empty if the key is taken (see
     * {@link #find}).
     */
    Optional<Claim> claim(String id, String fingerprint, Instant now) {
        var claim =
                new Claim(id, UUID.randomUUID().toString(), UUID.randomUUID().toString());
        try {
            mongo.insert(new IdempotencyRecord(
                    id, fingerprint, false, 0, null, null, null, now, claim.owner(), leaseFrom(now), claim.origin()));
            return Optional.of(claim);
        } catch (DuplicateKeyException used) {
            var earlier = find(id).orElse(null);
            if (earlier == null) {
                return claim(id, fingerprint, now);
            }
            if (earlier.completed()
                    || !earlier.fingerprint().equals(fingerprint)
                    || earlier.heldAt(now, properties.lease())) {
                return Optional.empty();
            }
            return takeOver(earlier, claim, now);
        }
    }

    /** Compare-and-set on owner and lease, so of two retries (or a late renewal) only one wins. */
    private Optional<Claim> takeOver(IdempotencyRecord abandoned, Claim claim, Instant now) {
        String origin = abandoned.origin() != null ? abandoned.origin() : claim.origin();
        var unchanged = query(where("_id")
                .is(abandoned.id())
                .and("completed")
                .is(false)
                .and("owner")
                .is(abandoned.owner())
                .and("leaseUntil")
                .is(abandoned.leaseUntil()));
        var taken = new Update()
                .set("owner", claim.owner())
                .set("leaseUntil", leaseFrom(now))
                .set("origin", origin);
        if (mongo.updateFirst(unchanged, taken, IdempotencyRecord.class).getModifiedCount() == 0) {
            return Optional.empty();
        }
        return Optional.of(new Claim(claim.id(), claim.owner(), origin));
    }

    Optional<IdempotencyRecord> find(String id) {
        return Optional.ofNullable(mongo.findById(id, IdempotencyRecord.class));
    }

    /** Extends the lease; false if the claim was lost (taken over after its lease lapsed). */
    boolean renew(Claim claim, Instant now) {
        // Only a lease still running: a renewal that read the claim just before its request ended must not hold the
        // key again once the request lapsed it (a failed request's repeat would get 409 for a whole lease) or
        // completed it.
        var running = owned(claim)
                .addCriteria(where("completed").is(false).and("leaseUntil").gt(now));
        return mongo.updateFirst(running, new Update().set("leaseUntil", leaseFrom(now)), IdempotencyRecord.class)
                        .getModifiedCount()
                > 0;
    }

    /** Keeps the response, unless the claim was lost: then the request that took it over answers. */
    void complete(Claim claim, int status, String location, String contentType, String body) {
        var completed = new Update()
                .set("completed", true)
                .set("status", status)
                .set("location", location)
                .set("contentType", contentType)
                .set("body", body)
                .unset("owner")
                .unset("leaseUntil");
        mongo.updateFirst(owned(claim), completed, IdempotencyRecord.class);
    }

    /**
     * Ends the lease at once, unless the claim was lost: the request failed (or was refused for now) and its repeat
     * may be processed straight away. The repeat keeps the origin, so it finds whatever the failed processing left.
     */
    void lapse(Claim claim, Instant now) {
        mongo.updateFirst(owned(claim), new Update().set("leaseUntil", now), IdempotencyRecord.class);
    }

    private static Query owned(Claim claim) {
        return query(where("_id").is(claim.id()).and("owner").is(claim.owner()));
    }

    private Instant leaseFrom(Instant now) {
        return now.plus(properties.lease());
    }

    /**
     * The key held by one processing of a request.
     *
     * @param owner this processing's token
     * @param origin what the request's ids derive from
     */
    record Claim(String id, String owner, String origin) {}
}
