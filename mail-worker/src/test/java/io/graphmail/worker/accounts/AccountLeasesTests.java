package io.graphmail.worker.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.graphmail.testsupport.TestBackends;
import java.time.Duration;
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
    void aLeaseWhoseTimeRanOutIsTakenAgainWhenNobodyElseTookIt() throws InterruptedException {
        var lease = oneWorker.tryTake("sync-a", SHORT).orElseThrow();
        Thread.sleep(SHORT.multipliedBy(2).toMillis());

        lease.extend();
        lease.extend();

        assertThat(anotherWorker.tryTake("sync-a", SHORT)).as("still held").isEmpty();
        lease.close();
        assertThat(anotherWorker.tryTake("sync-a", SHORT)).as("given back").isPresent();
    }

    @Test
    void aLeaseAnotherWorkerTookAfterItRanOutIsLost() throws InterruptedException {
        var lease = oneWorker.tryTake("sync-b", SHORT).orElseThrow();
        Thread.sleep(SHORT.multipliedBy(2).toMillis());
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
}
