package io.graphmail.gateway.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandFailedEvent;
import com.mongodb.event.CommandListener;
import io.graphmail.testsupport.TestBackends;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Each scheduled round is claimed by exactly one gateway, however many try at once. */
class SyncScheduleTests {

    /** Commands MongoDB refused, such as an upsert that ran into a duplicate key; MongoDB logs each of them. */
    final List<String> refused = new CopyOnWriteArrayList<>();

    final MongoClient client = MongoClients.create(MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(TestBackends.mongoUri()))
            .addCommandListener(new CommandListener() {
                @Override
                public void commandFailed(CommandFailedEvent event) {
                    refused.add(
                            event.getCommandName() + ": " + event.getThrowable().getMessage());
                }
            })
            .build());
    final MongoTemplate mongo = new MongoTemplate(client, "sync-schedule-" + System.nanoTime());
    final SyncSchedule gateways =
            new SyncSchedule(null, null, null, mongo, Clock.systemUTC(), new SyncProperties(Duration.ofMinutes(5)));

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void oneClaimPerRoundAmongConcurrentGateways() throws Exception {
        var pool = Executors.newFixedThreadPool(8);
        try {
            var claims = pool.invokeAll(IntStream.range(0, 8)
                    .mapToObj(i -> (Callable<Boolean>) () -> gateways.claim(1_000))
                    .toList());
            long won = 0;
            for (var claim : claims) {
                won += claim.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(gateways.claim(1_000)).as("the same round again").isFalse();
        assertThat(gateways.claim(999)).as("an earlier round").isFalse();
        assertThat(gateways.claim(1_001)).as("the next round").isTrue();
    }

    @Test
    void checkingAClaimedRoundAgainMakesMongoDbRefuseNothing() {
        assertThat(gateways.claim(7)).isTrue();

        for (int check = 0; check < 5; check++) {
            assertThat(gateways.claim(7)).isFalse();
        }

        assertThat(refused).isEmpty();
    }
}
