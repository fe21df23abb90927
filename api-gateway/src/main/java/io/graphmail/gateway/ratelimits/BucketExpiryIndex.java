package io.graphmail.gateway.ratelimits;

import io.graphmail.platform.mongodb.CollectionIndexes;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** The rate-limit buckets' TTL index: a bucket goes once it has expired. */
@Component
class BucketExpiryIndex implements CollectionIndexes {

    private final MongoTemplate mongo;

    BucketExpiryIndex(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void create() {
        MongoBuckets.createExpiryIndex(mongo.getCollection(RateLimitConfiguration.COLLECTION));
    }
}
