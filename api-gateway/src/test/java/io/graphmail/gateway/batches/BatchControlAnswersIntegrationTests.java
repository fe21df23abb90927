package io.graphmail.gateway.batches;

import static io.graphmail.contract.batches.BatchStateReadings.WORKER_ACTS_ON_READINGS_FOR;
import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.gateway.Api;
import io.graphmail.gateway.GatewayAloneTests;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * A pause or cancel answers only once no worker can act on a reading of the batch made before its change: at least
 * {@link io.graphmail.contract.batches.BatchStateReadings#WORKER_ACTS_ON_READINGS_FOR} after the new state could first
 * be read from MongoDB (watched here by a reader of its own). The batches are scheduled for later, so none is sent.
 */
class BatchControlAnswersIntegrationTests extends GatewayAloneTests {

    @Test
    void aCancelAnswersOnlyOnceNoWorkerActsOnAReadingFromBeforeIt() {
        String location = submit();

        assertThat(answeredAfterTheStateCouldBeRead(location, "/cancel", "CANCELLED"))
                .isGreaterThanOrEqualTo(WORKER_ACTS_ON_READINGS_FOR);
    }

    @Test
    void aPauseAnswersOnlyOnceNoWorkerActsOnAReadingFromBeforeIt() {
        String location = submit();

        assertThat(answeredAfterTheStateCouldBeRead(location, "/pause", "PAUSED"))
                .isGreaterThanOrEqualTo(WORKER_ACTS_ON_READINGS_FOR);
    }

    @Test
    void anotherCancelWaitsLikeTheFirstBeforeSayingTheBatchIsCancelled() {
        warmUp("/cancel");
        String location = submit();
        var first = CompletableFuture.supplyAsync(() -> api.post(location + "/cancel", ""));
        String id = location.substring(location.lastIndexOf('/') + 1);
        while (!"CANCELLED".equals(state(id))) {
            Thread.onSpinWait();
        }
        long seen = System.nanoTime();

        Api.Response second = api.post(location + "/cancel", "");

        assertThat(Duration.ofNanos(System.nanoTime() - seen)).isGreaterThanOrEqualTo(WORKER_ACTS_ON_READINGS_FOR);
        assertThat(second.status()).isEqualTo(409);
        assertThat(first.join().status()).isEqualTo(200);
    }

    private Duration answeredAfterTheStateCouldBeRead(String location, String action, String state) {
        warmUp(action);
        String id = location.substring(location.lastIndexOf('/') + 1);
        var answered = new AtomicBoolean();
        var firstRead = CompletableFuture.supplyAsync(() -> {
            while (!answered.get()) {
                if (state.equals(state(id))) {
                    return System.nanoTime();
                }
            }
            return null;
        });

        Api.Response response = api.post(location + action, "");
        long answeredAt = System.nanoTime();
        answered.set(true);

        assertThat(response.status()).isEqualTo(200);
        Long readAt = firstRead.join();
        assertThat(readAt).as("the new state was read before the answer").isNotNull();
        return Duration.ofNanos(answeredAt - readAt);
    }

    /** The gateway's own work for the action, done once before, takes less than the wait measured. */
    private void warmUp(String action) {
        for (int i = 0; i < 3; i++) {
            api.post(submit() + action, "");
        }
    }

    private String state(String batchId) {
        Document batch = mongo.findById(batchId, Document.class, "batches");
        return batch == null ? null : batch.getString("state");
    }

    private String submit() {
        var response = api.post("/api/v1/mail/batches", """
                {"accountId":"%s","sendAt":"2099-01-01T00:00:00Z","template":{"subject":"Hi","text":"x"},
                 "recipients":[{"to":["a@example.com"]},{"to":["b@example.com"]}]}""".formatted(accountId));
        assertThat(response.status()).isEqualTo(202);
        return response.header("Location");
    }
}
