package io.graphmail.gateway.security.apikeys;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** The {@code api_keys} collection; the gateway is its only writer. */
@Component
class StoredKeys {

    private final MongoTemplate mongo;

    StoredKeys(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    void insert(StoredKey key) {
        mongo.insert(key);
    }

    Optional<StoredKey> findByDigest(String digest) {
        return Optional.ofNullable(mongo.findOne(query(where("digest").is(digest)), StoredKey.class));
    }

    Optional<StoredKey> find(String id) {
        return Optional.ofNullable(mongo.findById(id, StoredKey.class));
    }

    /** Keys ordered by id after {@code afterId}. */
    List<StoredKey> page(String afterId, int limit) {
        Query page = afterId == null ? new Query() : query(where("_id").gt(afterId));
        return mongo.find(page.with(Sort.by("_id")).limit(limit), StoredKey.class);
    }

    /** @return whether an active key was revoked by this call */
    boolean revoke(String id, Instant at) {
        return mongo.updateFirst(
                                query(where("_id").is(id).and("revokedAt").is(null)),
                                Update.update("revokedAt", at),
                                StoredKey.class)
                        .getModifiedCount()
                > 0;
    }

    void touch(String id, Instant at) {
        mongo.updateFirst(query(where("_id").is(id)), Update.update("lastUsedAt", at), StoredKey.class);
    }
}
