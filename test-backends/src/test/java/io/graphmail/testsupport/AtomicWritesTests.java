package io.graphmail.testsupport;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.inc;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import de.bwaldvogel.mongo.MongoServer;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A write to one document is atomic in MongoDB: of many conditional updates that all expect the same version, one
 * succeeds. Workers rely on it (optimistic versioning of pacing state, claims of deliveries), so the in-process server
 * the tests run against must honour it under concurrent connections too.
 */
class AtomicWritesTests {

    private static final int THREADS = 8;
    private static final int ROUNDS = 150;

    MongoServer server;
    MongoClient client;
    MongoCollection<Document> counters;

    @BeforeEach
    void start() {
        server = new MongoServer(new IdIndexedMemoryBackend());
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
        counters = client.getDatabase("test").getCollection("counters");
        counters.insertOne(new Document("_id", "c").append("version", 0L));
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void ofConditionalUpdatesExpectingOneVersionOnlyOneSucceeds() throws Exception {
        long succeeded = everyThread(() -> {
            long mine = 0;
            for (int round = 0; round < ROUNDS; round++) {
                long version = counters.find(eq("_id", "c")).first().getLong("version");
                mine += counters.updateOne(and(eq("_id", "c"), eq("version", version)), inc("version", 1L))
                        .getModifiedCount();
            }
            return mine;
        });

        assertThat(counters.find(eq("_id", "c")).first().getLong("version"))
                .as("every successful update moved the version on by one")
                .isEqualTo(succeeded);
    }

    @Test
    void ofClaimsByFindAndModifyOnlyOneSucceeds() throws Exception {
        long claimed = everyThread(() -> {
            long mine = 0;
            for (int round = 0; round < ROUNDS; round++) {
                var before = counters.find(eq("_id", "c")).first().getLong("version");
                var after = counters.findOneAndUpdate(
                        and(eq("_id", "c"), eq("version", before)),
                        inc("version", 1L),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
                mine += after == null ? 0 : 1;
            }
            return mine;
        });

        assertThat(counters.find(eq("_id", "c")).first().getLong("version")).isEqualTo(claimed);
    }

    private static long everyThread(Callable<Long> work) throws Exception {
        var pool = Executors.newFixedThreadPool(THREADS);
        try {
            var start = new CountDownLatch(1);
            var results = new ArrayList<Future<Long>>();
            for (int i = 0; i < THREADS; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return work.call();
                }));
            }
            start.countDown();
            long total = 0;
            for (var result : results) {
                total += result.get(60, TimeUnit.SECONDS);
            }
            return total;
        } finally {
            pool.shutdownNow();
        }
    }
}
