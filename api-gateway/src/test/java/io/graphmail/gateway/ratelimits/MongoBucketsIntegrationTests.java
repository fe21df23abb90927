package io.graphmail.gateway.ratelimits;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.CompareAndSwapOperation;
import io.github.bucket4j.distributed.serialization.InternalSerializationHelper;
import io.graphmail.testsupport.TestBackends;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The compare-and-swap store over the MongoDB wire protocol, as two gateway replicas use it. The replicas take
 * turns step by step: mongo-java-server does not make concurrent updates of one document atomic as MongoDB does.
 */
class MongoBucketsIntegrationTests {

    private static final BucketConfiguration FIFTY_AN_HOUR = BucketConfiguration.builder()
            .addLimit(limit -> limit.capacity(50).refillGreedy(50, Duration.ofHours(1)))
            .build();

    private static final Optional<Long> NO_TIMEOUT = Optional.empty();

    private MongoClient client;
    private MongoCollection<Document> collection;

    @BeforeEach
    void connect() {
        var uri = new ConnectionString(TestBackends.mongoUri());
        client = MongoClients.create(uri);
        String database = uri.getDatabase() == null ? "graphmail" : uri.getDatabase();
        collection = client.getDatabase(database).getCollection("rate_limits_" + UUID.randomUUID());
    }

    @AfterEach
    void dropAndClose() {
        collection.drop();
        client.close();
    }

    @Test
    void replicasTakingTurnsDrawFromOneBucket() {
        var replicas = List.of(buckets(), buckets());
        int taken = 0;
        for (int attempt = 0; attempt < 60; attempt++) {
            if (replicas.get(attempt % 2)
                    .builder()
                    .build("shared", () -> FIFTY_AN_HOUR)
                    .tryConsume(1)) {
                taken++;
            }
        }

        assertThat(taken).isEqualTo(50);
    }

    @Test
    void aSwapBasedOnAStaleReadFails() {
        var here = buckets();
        var there = buckets();
        there.builder().build("bucket", () -> FIFTY_AN_HOUR).tryConsume(1);
        CompareAndSwapOperation operation = here.beginCompareAndSwapOperation("bucket");
        byte[] read = operation.getStateData(Optional.empty()).orElseThrow();

        there.builder().build("bucket", () -> FIFTY_AN_HOUR).tryConsume(1);

        assertThat(operation.compareAndSwap(read, read, InternalSerializationHelper.deserializeState(read), NO_TIMEOUT))
                .isFalse();
        assertThat(operation.getStateData(NO_TIMEOUT)).isPresent();
        assertThat(operation.compareAndSwap(read, read, InternalSerializationHelper.deserializeState(read), NO_TIMEOUT))
                .isTrue();
    }

    @Test
    void onlyTheFirstOfTwoReplicasCreatesABucket() {
        var template = buckets();
        template.builder().build("template", () -> FIFTY_AN_HOUR).tryConsume(1);
        byte[] state = template.beginCompareAndSwapOperation("template")
                .getStateData(NO_TIMEOUT)
                .orElseThrow();
        CompareAndSwapOperation first = buckets().beginCompareAndSwapOperation("new");
        CompareAndSwapOperation second = buckets().beginCompareAndSwapOperation("new");
        assertThat(first.getStateData(NO_TIMEOUT)).isEmpty();
        assertThat(second.getStateData(NO_TIMEOUT)).isEmpty();

        var decoded = InternalSerializationHelper.deserializeState(state);
        assertThat(first.compareAndSwap(null, state, decoded, NO_TIMEOUT)).isTrue();
        assertThat(second.compareAndSwap(null, state, decoded, NO_TIMEOUT)).isFalse();
    }

    @Test
    void aBucketExpiresWhenItWouldBeFullAgain() {
        var buckets = buckets();
        buckets.builder().build("one", () -> FIFTY_AN_HOUR).tryConsume(50);

        Date expiresAt = collection.find(eq("_id", "one")).first().getDate("expiresAt");
        // Empty, it refills in an hour; the document goes ten seconds after that.
        assertThat(expiresAt)
                .isAfter(new Date(System.currentTimeMillis() + 3_590_000L))
                .isBefore(new Date(System.currentTimeMillis() + 3_611_000L));

        // Not yet deleted by the TTL monitor, but past its time: read as the full bucket it would be by now.
        collection.updateOne(eq("_id", "one"), Updates.set("expiresAt", new Date(System.currentTimeMillis() - 1)));
        assertThat(buckets.builder().build("one", () -> FIFTY_AN_HOUR).tryConsume(50))
                .isTrue();
    }

    private MongoBuckets buckets() {
        return new MongoBuckets(
                collection,
                ClientSideConfig.getDefault()
                        .withExpirationAfterWriteStrategy(
                                ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                                        RateLimitConfiguration.CLOCK_ALLOWANCE)));
    }
}
