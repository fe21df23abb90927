package io.graphmail.worker.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.graphmail.testsupport.TestBackends;
import java.time.Duration;
import java.time.Instant;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Leases on MongoDB: two workers here are two {@link AccountLeases} on one database. */
class AccountLeasesTests {

    static final Duration SHORT = Duration.ofMillis(300);

    final MongoClient client = MongoClients.create(TestBackends.mongoUri());
    final MongoTemplate mongo = new MongoTemplate(client, "leases-" + System.nanoTime());
    final AccountLeases oneWorker = new AccountLeases(mongo);
    final AccountLeases anotherWorker = new AccountLeases(mongo);

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void aLeaseWhoseTimeRanOutIsTakenAgainWhenNobodyElseTookIt() {
        var lease = oneWorker.tryTake("sync-a", SHORT).orElseThrow();
        awaitRunOut("sync-a");

        lease.extend();
        lease.extend();

        assertThat(anotherWorker.tryTake("sync-a", SHORT)).as("still held").isEmpty();
        lease.close();
        assertThat(anotherWorker.tryTake("sync-a", SHORT)).as("given back").isPresent();
    }

    @Test
    void aLeaseAnotherWorkerTookAfterItRanOutIsLost() {
        var lease = oneWorker.tryTake("sync-b", SHORT).orElseThrow();
        awaitRunOut("sync-b");
        var taken = anotherWorker.tryTake("sync-b", Duration.ofMinutes(1));
        assertThat(taken).isPresent();
        // ShedLock tells holders apart by host name, and both workers here run on this one.
        mongo.getCollection("shedLock")
                .updateOne(new Document("_id", "sync-b"), new Document("$set", new Document("lockedBy", "worker-2")));

        assertThatThrownBy(lease::extend).isInstanceOf(AccountLeases.LeaseLost.class);
        assertThatThrownBy(lease::extend).as("and stays lost").isInstanceOf(AccountLeases.LeaseLost.class);
        lease.close();

        assertThat(oneWorker.tryTake("sync-b", SHORT))
                .as("closing a lost lease frees nothing")
                .isEmpty();
    }

    @Test
    void aLeaseIsWrittenAgainOnlyOnceAQuarterOfItsTimeHasPassed() {
        var lease = oneWorker.tryTake("sync-c", Duration.ofMinutes(1)).orElseThrow();
        Instant taken = lockUntil("sync-c");
        await().atMost(Duration.ofSeconds(5))
                .until(() ->
                        Instant.now().isAfter(taken.minus(Duration.ofMinutes(1)).plusMillis(5)));

        lease.extend();

        assertThat(lockUntil("sync-c")).as("not written again within a quarter").isEqualTo(taken);

        var shortLease = oneWorker.tryTake("sync-d", SHORT).orElseThrow();
        Instant shortTaken = lockUntil("sync-d");
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            shortLease.extend();
            return lockUntil("sync-d").isAfter(shortTaken);
        });
        lease.close();
        shortLease.close();
    }

    private Instant lockUntil(String name) {
        return mongo.getCollection("shedLock")
                .find(new Document("_id", name))
                .first()
                .getDate("lockUntil")
                .toInstant();
    }

    /** Until the lease's time is over, as MongoDB holds it. */
    private void awaitRunOut(String name) {
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            Document lock = mongo.getCollection("shedLock")
                    .find(new Document("_id", name))
                    .first();
            return lock != null && lock.getDate("lockUntil").toInstant().isBefore(Instant.now());
        });
    }
}
