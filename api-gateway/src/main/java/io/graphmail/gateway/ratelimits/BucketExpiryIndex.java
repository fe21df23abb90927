package io.graphmail.gateway.ratelimits;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Creates the buckets' TTL index once MongoDB answers, tried every 5 s until it succeeds, rather than at start-up,
 * which would fail while MongoDB is out of reach.
 */
@Component
class BucketExpiryIndex {

    private final MongoTemplate mongo;
    private final AtomicBoolean created = new AtomicBoolean();

    BucketExpiryIndex(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Scheduled(fixedDelay = 5, timeUnit = TimeUnit.SECONDS)
    void createIndex() {
        if (created.get()) {
            return;
        }
        MongoBuckets.createExpiryIndex(mongo.getCollection(RateLimitConfiguration.COLLECTION));
        created.set(true);
    }
}
