package io.graphmail.gateway.ratelimits;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AbstractCompareAndSwapBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AsyncCompareAndSwapOperation;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.CompareAndSwapOperation;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * Bucket4j buckets kept in MongoDB, the one store every gateway replica shares, so all replicas draw from the same
 * bucket. Each bucket is one document in {@code rate_limits}: {@code _id} (the bucket key), {@code state} (Bucket4j's
 * serialised state), {@code version} and {@code expiresAt}.
 *
 * <p>Hand-written because Bucket4j has no MongoDB integration (none is published with 8.16.0; its maintainers point to
 * extending {@link AbstractCompareAndSwapBasedProxyManager}, as its PostgreSQL and Redis integrations do). It uses
 * only what every MongoDB (and mongo-java-server in tests) has: a read by {@code _id}, an insert that the unique
 * {@code _id} makes fail for the second writer, an update conditional on the version read, and a TTL index.
 *
 * <p>Cost: two round trips per check (read, then conditional write), one more read and write for each retry when
 * another replica changed the same bucket in between. A bucket is written with the time Bucket4j says it needs to
 * refill completely (plus the allowance the expiration strategy adds); a full bucket is no different from a missing
 * one, so the TTL monitor may delete it then and an expired document that is still there is read as missing.
 *
 * <p>The swap is atomic because MongoDB applies a single-document update atomically. mongo-java-server, which the
 * tests use, does not serialise concurrent updates of one document, so the tests interleave replicas step by step
 * rather than race them.
 */
final class MongoBuckets extends AbstractCompareAndSwapBasedProxyManager<String> {

    private final MongoCollection<Document> buckets;

    MongoBuckets(MongoCollection<Document> buckets, ClientSideConfig config) {
        super(config);
        this.buckets = buckets;
    }

    /** Lets MongoDB delete buckets nobody used for as long as they take to refill (the monitor runs every minute). */
    static void createExpiryIndex(MongoCollection<Document> buckets) {
        buckets.createIndex(Indexes.ascending("expiresAt"), new IndexOptions().expireAfter(0L, TimeUnit.SECONDS));
    }

    @Override
    protected CompareAndSwapOperation beginCompareAndSwapOperation(String key) {
        return new CompareAndSwapOperation() {
            private Long versionRead;

            @Override
            public Optional<byte[]> getStateData(Optional<Long> timeoutNanos) {
                Document bucket = buckets.find(eq("_id", key)).first();
                versionRead = bucket == null ? null : bucket.getLong("version");
                if (bucket == null || !bucket.getDate("expiresAt").after(new Date())) {
                    return Optional.empty();
                }
                return Optional.of(bucket.get("state", Binary.class).getData());
            }

            @Override
            public boolean compareAndSwap(
                    byte[] originalData, byte[] newData, RemoteBucketState newState, Optional<Long> timeoutNanos) {
                Date expiresAt = new Date(System.currentTimeMillis() + timeToLiveMillis(newState));
                if (versionRead == null) {
                    return insert(key, newData, expiresAt);
                }
                return buckets.updateOne(
                                        and(eq("_id", key), eq("version", versionRead)),
                                        combine(
                                                set("state", new Binary(newData)),
                                                set("version", versionRead + 1),
                                                set("expiresAt", expiresAt)))
                                .getMatchedCount()
                        == 1;
            }
        };
    }

    private boolean insert(String key, byte[] state, Date expiresAt) {
        try {
            buckets.insertOne(new Document("_id", key)
                    .append("state", new Binary(state))
                    .append("version", 1L)
                    .append("expiresAt", expiresAt));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    private long timeToLiveMillis(RemoteBucketState state) {
        return getClientSideConfig()
                .getExpirationAfterWriteStrategy()
                .map(strategy -> strategy.calculateTimeToLiveMillis(state, currentTimeNanos()))
                .orElse(TimeUnit.DAYS.toMillis(1));
    }

    @Override
    protected AsyncCompareAndSwapOperation beginAsyncCompareAndSwapOperation(String key) {
        throw new UnsupportedOperationException("The gateway checks limits synchronously");
    }

    /** Each write stores when the bucket is full again; the TTL index deletes it after that. */
    @Override
    public boolean isExpireAfterWriteSupported() {
        return true;
    }

    @Override
    public boolean isAsyncModeSupported() {
        return false;
    }

    @Override
    public void removeProxy(String key) {
        buckets.deleteOne(eq("_id", key));
    }

    @Override
    protected CompletableFuture<Void> removeAsync(String key) {
        throw new UnsupportedOperationException("The gateway checks limits synchronously");
    }
}
