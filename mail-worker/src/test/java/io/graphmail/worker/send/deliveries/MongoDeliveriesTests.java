package io.graphmail.worker.send.deliveries;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.graphmail.testsupport.TestBackends;
import io.graphmail.worker.graph.GraphDrafts;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The claim and the SENT mark, written through the driver, and the other changes, written through Spring Data's
 * mapping, read and write one and the same document.
 */
class MongoDeliveriesTests {

    static final Instant NOW = Instant.parse("2026-03-01T10:15:30.123Z");

    final MongoClient client = MongoClients.create(TestBackends.mongoUri());
    final MongoTemplate mongo = new MongoTemplate(client, "deliveries-" + System.nanoTime());
    final MongoDeliveries deliveries = new MongoDeliveries(mongo);

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void aCommandIsClaimedOnceUntilItIsPutBackForARetry() {
        var first = deliveries.claim("key-1", "account-1", NOW).orElseThrow();

        assertThat(first.commandId()).isEqualTo("key-1");
        assertThat(first.accountId()).isEqualTo("account-1");
        assertThat(first.state()).isEqualTo(Delivery.State.SENDING);
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(first.claimedAt()).isEqualTo(NOW);
        assertThat(first.mayHaveSent()).isFalse();
        assertThat(deliveries.claim("key-1", "account-1", NOW)).as("being sent").isEmpty();

        deliveries.queue("key-1", 42, "PACED: not yet");
        var again = deliveries.claim("key-1", "account-1", NOW.plusSeconds(1)).orElseThrow();

        assertThat(again.attempts()).as("a paced attempt does not count").isEqualTo(1);
        assertThat(again.paceTicket()).isEqualTo(42L);
        assertThat(again.lastError()).isEqualTo("PACED: not yet");
        assertThat(again.claimedAt()).isEqualTo(NOW.plusSeconds(1));

        deliveries.putBackNetworkError("key-1", "no answer");
        var afterNetworkError = deliveries.claim("key-1", "account-1", NOW).orElseThrow();
        assertThat(afterNetworkError.networkErrors()).isEqualTo(1);
        assertThat(afterNetworkError.interrupted()).isTrue();
        assertThat(afterNetworkError.mayHaveSent()).isTrue();
    }

    @Test
    void ofWorkersClaimingANewCommandAtOnceOneTakesIt() throws Exception {
        var claims = atOnce(8, i -> deliveries.claim("key-4", "account-4", NOW));

        assertThat(claims.stream().filter(Optional::isPresent)).hasSize(1);
        assertThat(mongo.getCollection("deliveries").countDocuments()).isEqualTo(1);
        assertThat(deliveries.find("key-4").orElseThrow().attempts()).isEqualTo(1);
    }

    /**
     * Claims made at once are written together, and a duplicate key in the group fails only its own claim: every
     * command is taken exactly once, a command met before (here, one waiting for a retry) is taken again, and one
     * being sent is not.
     */
    @Test
    void claimsMadeTogetherTakeEachCommandOnce() throws Exception {
        deliveries.claim("retrying", "account-5", NOW).orElseThrow();
        deliveries.markRetrying("retrying", "503");
        deliveries.claim("sending", "account-5", NOW).orElseThrow();
        var keys = new ArrayList<String>(List.of("retrying", "sending"));
        IntStream.range(0, 30).forEach(i -> keys.add("new-" + (i % 15)));

        var claims = atOnce(keys.size(), i -> deliveries.claim(keys.get(i), "account-5", NOW));

        var taken = new HashMap<String, Integer>();
        claims.forEach(claim -> claim.ifPresent(claimed -> taken.merge(claimed.commandId(), 1, Integer::sum)));
        assertThat(taken).doesNotContainKey("sending").containsEntry("retrying", 1);
        IntStream.range(0, 15).forEach(i -> assertThat(taken).containsEntry("new-" + i, 1));
        assertThat(deliveries.find("retrying").orElseThrow().attempts()).isEqualTo(2);
        assertThat(mongo.getCollection("deliveries").countDocuments()).isEqualTo(17);
    }

    @Test
    void sentMarksMadeTogetherEachMarkTheirOwnDelivery() throws Exception {
        var keys = IntStream.range(0, 20).mapToObj(i -> "key-sent-" + i).toList();
        keys.forEach(key -> deliveries.claim(key, "account-6", NOW).orElseThrow());

        atOnce(keys.size(), i -> {
            deliveries.markSent(keys.get(i), NOW.plusSeconds(i), new GraphDrafts.Draft("draft-" + i, "<" + i + "@x>"));
            return i;
        });

        for (int i = 0; i < keys.size(); i++) {
            var sent = deliveries.find(keys.get(i)).orElseThrow();
            assertThat(sent.state()).isEqualTo(Delivery.State.SENT);
            assertThat(sent.sentAt()).isEqualTo(NOW.plusSeconds(i));
            assertThat(sent.draftId()).isEqualTo("draft-" + i);
        }
    }

    /** Runs {@code call(0)} to {@code call(count - 1)} on threads of their own, released at once; their results. */
    private static <T> List<T> atOnce(int count, IntFunction<T> call) throws Exception {
        var start = new CountDownLatch(1);
        var threads = Executors.newFixedThreadPool(count);
        try {
            var calls = IntStream.range(0, count)
                    .mapToObj(i -> threads.submit(() -> {
                        start.await();
                        return call.apply(i);
                    }))
                    .toList();
            start.countDown();
            var results = new ArrayList<T>();
            for (var result : calls) {
                results.add(result.get());
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aSentDeliveryIsStoredAsSpringDataStoresItAndIsNeverClaimedAgain() {
        deliveries.claim("key-2", "account-2", NOW).orElseThrow();
        Instant sentAt = NOW.plusMillis(500);

        deliveries.markSent("key-2", sentAt, new GraphDrafts.Draft("draft-2", "<message-2@example.com>"));

        var sent = deliveries.find("key-2").orElseThrow();
        assertThat(sent.state()).isEqualTo(Delivery.State.SENT);
        assertThat(sent.sentAt()).isEqualTo(sentAt.truncatedTo(ChronoUnit.MILLIS));
        assertThat(sent.draftId()).isEqualTo("draft-2");
        assertThat(sent.attempts()).isEqualTo(1);
        Document stored = mongo.getCollection("deliveries").find().first();
        assertThat(stored.get("state")).isEqualTo("SENT");
        assertThat(stored.get("sentAt")).isEqualTo(Date.from(sentAt));
        assertThat(stored.get("claimedAt")).isEqualTo(Date.from(NOW));
        assertThat(stored.get(SentMessages.INTERNET_MESSAGE_ID)).isEqualTo("<message-2@example.com>");
        assertThat(deliveries.claim("key-2", "account-2", NOW)).as("sent").isEmpty();
    }

    @Test
    void aDeliveryWrittenBySpringDataReadsTheSameThroughTheDriver() {
        deliveries.claim("key-3", "account-3", NOW).orElseThrow();
        deliveries.putBackThrottled("key-3", "429");
        deliveries.markRetrying("key-3", "503");

        Document stored = mongo.getCollection("deliveries").find().first();
        assertThat(MongoDeliveries.delivery(stored))
                .isEqualTo(deliveries.find("key-3").orElseThrow());
    }
}
