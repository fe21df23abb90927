package io.graphmail.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import io.graphmail.testsupport.TestBackends;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/** Chunks published at once on a real broker: each gets a channel, and no more are kept than the bound. */
class PlainConfirmChannelsTests {

    static final AMQP.BasicProperties JSON = new AMQP.BasicProperties.Builder()
            .contentType("application/json")
            .deliveryMode(2)
            .build();

    CachingConnectionFactory connections;
    RabbitAdmin admin;
    String queue;

    @BeforeEach
    void connect() {
        connections = new CachingConnectionFactory(TestBackends.rabbitUri());
        admin = new RabbitAdmin(connections);
        queue = admin.declareQueue(new Queue("test.plain-chunks." + UUID.randomUUID(), false, false, false));
    }

    @AfterEach
    void close() {
        admin.deleteQueue(queue);
        connections.destroy();
    }

    @Test
    void chunksPublishedAtOnceAreEachConfirmedAndAtMostTheBoundOfChannelsIsKept() throws Exception {
        var channels = new PlainConfirmChannels(() -> connections, Duration.ofSeconds(10));
        int publishers = PlainConfirmChannels.MOST_IDLE + 10;
        var start = new CyclicBarrier(publishers);
        var executor = Executors.newFixedThreadPool(publishers);
        try {
            var confirmed = new ArrayList<CompletableFuture<Boolean>>();
            for (int i = 0; i < publishers; i++) {
                confirmed.add(CompletableFuture.supplyAsync(
                        () -> {
                            var chunk = Map.of(UUID.randomUUID(), "{}", UUID.randomUUID(), "{}");
                            await(start);
                            List<UUID> taken = channels.publish("", queue, JSON, chunk);
                            return taken.containsAll(chunk.keySet()) && taken.size() == chunk.size();
                        },
                        executor));
            }

            assertThat(confirmed).allSatisfy(chunk -> assertThat(chunk.get()).isTrue());
        } finally {
            executor.shutdownNow();
        }
        assertThat(channels.idleChannels()).isBetween(1, PlainConfirmChannels.MOST_IDLE);
        assertThat(admin.getQueueInfo(queue).getMessageCount()).isEqualTo(2 * publishers);
    }

    private static void await(CyclicBarrier start) {
        try {
            start.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
