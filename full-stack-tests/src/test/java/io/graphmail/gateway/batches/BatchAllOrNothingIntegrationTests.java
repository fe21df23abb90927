package io.graphmail.gateway.batches;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doCallRealMethod;

import io.graphmail.gateway.OwnAccountTests;
import io.graphmail.platform.messaging.PublishFailed;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * A batch whose publication fails after some of its messages reached the broker is withdrawn: the client hears 503,
 * nothing of it is sent or left to the sweeper, and the retry with the same Idempotency-Key sends each message once.
 * A single send whose confirm was lost is 503 too, and its retry with the same key sends it once.
 */
class BatchAllOrNothingIntegrationTests extends OwnAccountTests {

    static final int MESSAGES = 600; // two chunks of publication

    @Autowired
    WithdrawingAbandonedBatches abandoned;

    BatchAllOrNothingIntegrationTests() {
        super("whole");
    }

    @Test
    void aBatchFailingMidPublicationSendsNothingAndItsRetrySendsEachMessageOnce() {
        // The first chunk is confirmed; the second reaches the broker but its confirms are lost.
        doCallRealMethod()
                .doAnswer(publication -> {
                    publication.callRealMethod();
                    return List.of();
                })
                .doCallRealMethod()
                .when(commands)
                .publishAll(any(), any());
        String key = "batch-" + UUID.randomUUID();

        var failed = api.post("/api/v1/mail/batches", batch(), "Idempotency-Key", key);

        assertThat(failed.status()).isEqualTo(503);
        assertThat(failed.header("Content-Type")).startsWith("application/problem+json");
        assertThat(failed.header("Retry-After")).isNotNull();
        assertThat(mongo.count(Query.query(Criteria.where("accountId").is(accountId)), "mail"))
                .isZero();
        assertThat(batchStates()).containsOnly("CANCELLED");
        // Workers meet the messages the broker has, hold them while the batch is submitted, then drop them.
        await().during(Duration.ofSeconds(5))
                .atMost(Duration.ofSeconds(10))
                .until(() -> simulator.sent(mailbox).isEmpty());

        var retried = api.post("/api/v1/mail/batches", batch(), "Idempotency-Key", key);

        assertThat(retried.status()).isEqualTo(202);
        assertEachSentOnce(MESSAGES);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(batchStates()).containsExactlyInAnyOrder("CANCELLED", "COMPLETED"));
    }

    @Test
    void aSubmissionAbandonedByItsGatewayIsWithdrawn() {
        String stale = UUID.randomUUID().toString();
        String fresh = UUID.randomUUID().toString();
        for (var batch : List.of(
                new Batch(
                        stale,
                        accountId,
                        Batch.State.SUBMITTING,
                        1,
                        Instant.now().minus(Duration.ofHours(1)),
                        null,
                        null),
                new Batch(fresh, accountId, Batch.State.SUBMITTING, 1, Instant.now(), null, null))) {
            mongo.insert(batch);
            mongo.getCollection("mail")
                    .insertOne(new Document("_id", UUID.randomUUID().toString())
                            .append("accountId", accountId)
                            .append("batchId", batch.id())
                            .append("status", "ACCEPTED")
                            .append("pendingPublish", true));
        }

        abandoned.withdrawAbandoned();

        assertThat(mongo.findById(stale, Batch.class).state()).isEqualTo(Batch.State.CANCELLED);
        assertThat(mongo.getCollection("mail").countDocuments(new Document("batchId", stale)))
                .isZero();
        assertThat(mongo.findById(fresh, Batch.class).state()).isEqualTo(Batch.State.SUBMITTING);
        assertThat(mongo.getCollection("mail").countDocuments(new Document("batchId", fresh)))
                .isEqualTo(1);
    }

    @Test
    void aSendWhoseConfirmWasLostIsSentOnceWhenRepeatedWithItsKey() {
        doAnswer(publication -> {
                    publication.callRealMethod();
                    throw new PublishFailed("confirm lost");
                })
                .doCallRealMethod()
                .when(commands)
                .publish(any());
        String key = "lost-" + UUID.randomUUID();
        String body = """
                {"accountId":"%s","to":["ada@example.com"],"subject":"Lost confirm","body":{"contentType":"text","content":"x"}}""".formatted(accountId);

        var failed = api.post("/api/v1/mail", body, "Idempotency-Key", key);
        assertThat(failed.status()).isEqualTo(503);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> simulator.sent(mailbox).size() == 1);

        var repeated = api.post("/api/v1/mail", body, "Idempotency-Key", key);

        assertThat(repeated.status()).isEqualTo(202);
        awaitStatus("/api/v1/mail/" + repeated.text("id"), "SENT");
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10))
                .until(() -> simulator.sent(mailbox).size() == 1);
    }

    private String batch() {
        String recipients = numberedRecipients(MESSAGES);
        return """
                {"accountId":"%s","template":{"subject":"Message {{n}}","text":"Hello {{n}}"},"recipients":[%s]}""".formatted(accountId, recipients);
    }
}
