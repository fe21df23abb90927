package io.graphmail.gateway.batches;

import static io.graphmail.contract.MailTopology.SEND_ROUTING_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graphmail.contract.send.SendMailCommand;
import io.graphmail.gateway.OwnAccountTests;
import io.graphmail.gateway.idempotency.StableIds;
import io.graphmail.gateway.mail.MailRecord;
import io.graphmail.gateway.mail.MailRecords;
import io.graphmail.gateway.mail.Outbox;
import io.graphmail.gateway.send.MessageReferences;
import io.graphmail.gateway.send.SendMailCommands;
import io.graphmail.gateway.send.SendMailRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.json.JsonMapper;

/**
 * A gateway killed in the middle of a request with an {@code Idempotency-Key}: each test writes what such a gateway
 * leaves behind (the key in flight under a lease nobody renews, and what it had recorded and published of the
 * request), then retries the request with the same key. While the lease runs the retry is 409; once it lapsed the
 * retry resumes the original (same ids), or, were the original withdrawn meanwhile, submits anew; either way every
 * message reaches Graph exactly once.
 */
class CrashedSubmissionIntegrationTests extends OwnAccountTests {

    /** Accepted: ACTIVE, or COMPLETED already once every message of it is final. */
    static final List<String> RUNNING_OR_DONE = List.of("ACTIVE", "COMPLETED");

    static final int MESSAGES = 120;
    static final int RECORDED_BEFORE_THE_CRASH = 100;

    @Autowired
    JsonMapper jsonMapper;

    @Autowired
    MailRecords records;

    @Autowired
    Batches batches;

    @Autowired
    Outbox outbox;

    final String key = "crash-" + UUID.randomUUID();
    final String origin = UUID.randomUUID().toString();
    final StableIds ids = new StableIds(origin);

    CrashedSubmissionIntegrationTests() {
        super("crash");
    }

    @Test
    void aSingleSendLeftRecordedAndPublishedIsResumedWithItsIdAndSentOnce() {
        String body = """
                {"accountId":"%s","to":["ada@example.com"],"subject":"Crash single %s","body":{"contentType":"text","content":"x"}}""".formatted(accountId, key);
        leaveKeyInFlight("/api/v1/mail", body);
        // The gateway recorded the message and the broker confirmed it; it died before marking it published.
        var command = SendMailCommands.of(
                ids.id("mail"),
                accountId,
                jsonMapper.readValue(body, SendMailRequest.class),
                MessageReferences.NONE,
                Instant.now(),
                null);
        records.insert(MailRecord.unpublished(
                command, null, Duration.ofSeconds(1), jsonMapper.writeValueAsString(command), null, client()));
        commands.publish(command);

        var whileLeased = api.post("/api/v1/mail", body, "Idempotency-Key", key);
        assertThat(whileLeased.status()).isEqualTo(409);
        assertThat(whileLeased.header("Retry-After")).isNotNull();

        leaseLapses();
        var resumed = api.post("/api/v1/mail", body, "Idempotency-Key", key);
        var replayed = api.post("/api/v1/mail", body, "Idempotency-Key", key);

        assertThat(resumed.status()).isEqualTo(202);
        assertThat(resumed.text("id")).isEqualTo(command.commandId().toString());
        assertThat(replayed.status()).isEqualTo(202);
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replayed.text("id")).isEqualTo(command.commandId().toString());
        awaitStatus("/api/v1/mail/" + command.commandId(), "SENT");
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10))
                .until(() -> simulator.sent(mailbox).size() == 1);
        assertThat(mongo.count(Query.query(Criteria.where("accountId").is(accountId)), "mail"))
                .isEqualTo(1);
    }

    @Test
    void aBatchLeftSubmittingIsResumedWithItsIdsAndEachMessageSentOnce() {
        String body = batch();
        leaveKeyInFlight("/api/v1/mail/batches", body);
        String batchId = leaveBatchHalfSubmitted(body, ids.id("batch"));
        // Even were its records due, the sweeper leaves a batch being submitted alone.
        mongo.getCollection("mail")
                .updateMany(
                        new Document("batchId", batchId),
                        new Document("$set", new Document("publishAt", Date.from(Instant.now()))));
        outbox.sweep();
        assertThat(mongo.getCollection("mail")
                        .countDocuments(new Document("batchId", batchId).append("pendingPublish", true)))
                .isEqualTo(RECORDED_BEFORE_THE_CRASH);

        var whileLeased = api.post("/api/v1/mail/batches", body, "Idempotency-Key", key);
        assertThat(whileLeased.status()).isEqualTo(409);
        assertThat(simulator.sent(mailbox))
                .as("workers hold a batch being submitted")
                .isEmpty();

        leaseLapses();
        var resumed = api.post("/api/v1/mail/batches", body, "Idempotency-Key", key);

        assertThat(resumed.status()).isEqualTo(202);
        assertThat(resumed.text("id")).isEqualTo(batchId);
        assertThat(resumed.json().get("total").asInt()).isEqualTo(MESSAGES);
        assertThat(batchStates()).singleElement().isIn(RUNNING_OR_DONE);
        assertThat(mongo.getCollection("mail").countDocuments(new Document("batchId", batchId)))
                .isEqualTo(MESSAGES);
        assertEachSentOnce(MESSAGES);
    }

    @Test
    void aBatchLeftSubmittingAndWithdrawnMeanwhileIsSubmittedAnewAndNothingOfTheFirstIsSent() {
        String body = batch();
        leaveKeyInFlight("/api/v1/mail/batches", body);
        String first = leaveBatchHalfSubmitted(body, ids.id("batch"));
        batches.withdraw(first, Instant.now());

        leaseLapses();
        var retried = api.post("/api/v1/mail/batches", body, "Idempotency-Key", key);

        assertThat(retried.status()).isEqualTo(202);
        assertThat(retried.text("id")).isNotEqualTo(first);
        assertThat(batchStates())
                .hasSize(2)
                .contains("CANCELLED")
                .anySatisfy(state -> assertThat(state).isIn(RUNNING_OR_DONE));
        assertEachSentOnce(MESSAGES);
    }

    @Test
    void aBatchItHadActivatedIsAnsweredAsItIsAndNotSubmittedAgain() {
        String body = batch();
        leaveKeyInFlight("/api/v1/mail/batches", body);
        String batchId = ids.id("batch").toString();
        // It died after the broker confirmed every message and the batch was made ACTIVE, before its answer was kept.
        batches.insert(new Batch(batchId, accountId, Batch.State.ACTIVE, MESSAGES, Instant.now(), null, client()));

        leaseLapses();
        var retried = api.post("/api/v1/mail/batches", body, "Idempotency-Key", key);

        assertThat(retried.status()).isEqualTo(202);
        assertThat(retried.text("id")).isEqualTo(batchId);
        assertThat(batchStates()).singleElement().isIn(RUNNING_OR_DONE);
        assertThat(mongo.getCollection("mail").countDocuments(new Document("accountId", accountId)))
                .as("nothing recorded again")
                .isZero();
    }

    /** What the gateway writes when it takes the key, with a lease it would renew were it still running. */
    private void leaveKeyInFlight(String path, String body) {
        mongo.getCollection("idempotency_keys")
                .insertOne(new Document("_id", sha256Hex(client() + "\n" + key))
                        .append("fingerprint", sha256Hex("POST " + path + "\n" + body))
                        .append("completed", false)
                        .append("status", 0)
                        .append("createdAt", new Date())
                        .append("owner", "gateway-killed-mid-request")
                        .append("leaseUntil", Date.from(Instant.now().plus(Duration.ofHours(1))))
                        .append("origin", origin));
    }

    private void leaseLapses() {
        mongo.getCollection("idempotency_keys")
                .updateOne(
                        new Document("_id", sha256Hex(client() + "\n" + key)),
                        new Document(
                                "$set",
                                new Document(
                                        "leaseUntil", Date.from(Instant.now().minusSeconds(1)))));
    }

    /**
     * What {@link SubmittingBatch} has written and published when it dies after a first chunk: the batch
     * SUBMITTING, the first chunk's records, and their commands on the broker.
     */
    private String leaveBatchHalfSubmitted(String body, UUID batchId) {
        var request = jsonMapper.readValue(body, BatchRequest.class);
        Instant now = Instant.now();
        batches.insert(new Batch(batchId.toString(), accountId, Batch.State.SUBMITTING, MESSAGES, now, null, client()));
        var recorded = new LinkedHashMap<UUID, SendMailCommand>();
        for (int i = 0; i < RECORDED_BEFORE_THE_CRASH; i++) {
            var command = SendMailCommands.of(
                    ids.id(batchId + "/" + i),
                    accountId,
                    request.messages().get(i),
                    MessageReferences.NONE,
                    now,
                    batchId);
            recorded.put(command.commandId(), command);
        }
        records.insertAll(recorded.values().stream()
                .map(command -> MailRecord.unpublished(
                        command, null, Duration.ofMinutes(10), jsonMapper.writeValueAsString(command), null, client()))
                .toList());
        var json = new LinkedHashMap<UUID, String>();
        recorded.forEach((id, command) -> json.put(id, jsonMapper.writeValueAsString(command)));
        assertThat(commands.publishAll(SEND_ROUTING_KEY, json)).hasSize(RECORDED_BEFORE_THE_CRASH);
        return batchId.toString();
    }

    private String batch() {
        String messages = IntStream.range(0, MESSAGES)
                .mapToObj(i -> """
                        {"to":["r%d@example.com"],"subject":"Crash %s %d","body":{"contentType":"text","content":"x"}}""".formatted(i, key, i))
                .collect(Collectors.joining(","));
        return """
                {"accountId":"%s","messages":[%s]}""".formatted(accountId, messages);
    }

    /** The API client's name as the gateway records it: a short fingerprint of its key. */
    private static String client() {
        return sha256Hex("test-key-2").substring(0, 12);
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
