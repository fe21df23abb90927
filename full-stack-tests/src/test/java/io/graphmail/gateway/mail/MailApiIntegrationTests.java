package io.graphmail.gateway.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.contract.MailTopology;
import io.graphmail.contract.send.MailSent;
import io.graphmail.gateway.Api;
import io.graphmail.gateway.GatewayApplication;
import io.graphmail.gateway.OwnAccountTests;
import io.graphmail.testsupport.RunningSimulator;
import io.graphmail.testsupport.TestAccounts;
import io.graphmail.testsupport.TestBackends;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

class MailApiIntegrationTests extends OwnAccountTests {

    static final String DEFAULT_MAILBOX = "default@graphmail.local";

    @Autowired
    MeterRegistry meterRegistry;

    @Autowired
    MailResultsListener results;

    @Autowired
    RabbitAdmin rabbitAdmin;

    MailApiIntegrationTests() {
        super("account");
    }

    @BeforeEach
    void setUp() {
        api.post("/api/v1/accounts", TestAccounts.applicationAccountJson("default", DEFAULT_MAILBOX));
    }

    @Test
    void sendsAcceptedMessageAndReportsSent() {
        var response = api.post("/api/v1/mail", mail("ada@example.com", "Quarterly report"));

        assertThat(response.status()).isEqualTo(202);
        String id = response.text("id");
        assertThat(response.header("Location")).isEqualTo("/api/v1/mail/" + id);
        assertThat(response.text("status")).isEqualTo("ACCEPTED");
        var status = awaitMail(id, "SENT");
        assertThat(status.json().get("attempts").asInt()).isEqualTo(1);
        assertThat(status.text("sentAt")).isNotNull();
        var sent = simulator.sent(mailbox);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).get("subject").asString()).isEqualTo("Quarterly report");
        assertThat(sent.get(0).get("body").get("content").asString()).isEqualTo("<p>Hello</p>");
        assertThat(RunningSimulator.recipientAddress(sent.get(0), "toRecipients", 0))
                .isEqualTo("ada@example.com");
    }

    @Test
    void sendsThroughTheOriginalServicesEndpoint() {
        var response = api.post("/api/v1/emails/send", """
                {"recipients":["bob@example.com"],"subject":"Legacy","body":"<b>Hi</b>","attachments":[]}""");

        assertThat(response.status()).isEqualTo(202);
        awaitMail(response.text("id"), "SENT");
        assertThat(simulator.sent(DEFAULT_MAILBOX))
                .anySatisfy(
                        message -> assertThat(message.get("subject").asString()).isEqualTo("Legacy"));
        assertThat(api.get("/api/v1/emails/health").status()).isEqualTo(200);
    }

    @Test
    void retriesGraphOutagesAndCountsAttempts() {
        simulator.fault(Map.of("pathPattern", RunningSimulator.SEND_PATHS, "status", 503, "count", 2));

        var response = api.post("/api/v1/mail", mail("ada@example.com", "Flaky"));

        var status = awaitMail(response.text("id"), "SENT");
        assertThat(status.json().get("attempts").asInt()).isEqualTo(3);
        assertThat(simulator.sent(mailbox)).hasSize(1);
    }

    @Test
    void marksMessageFailedWithGraphsErrorCodeWhenGraphRefusesIt() {
        simulator.refuseNextSend("ErrorInvalidRecipients");

        var response = api.post("/api/v1/mail", mail("ada@example.com", "Refused"));

        var status = awaitMail(response.text("id"), "FAILED");
        assertThat(status.text("lastError")).matches("ErrorInvalidRecipients \\(request-id [0-9a-f-]{36}\\)");
        assertThat(simulator.sent(mailbox)).isEmpty();
    }

    @Test
    void marksMessageDeadLetteredWhenRetriesRunOut() {
        simulator.fault(Map.of("pathPattern", RunningSimulator.SEND_PATHS, "status", 503, "count", 10));

        var response = api.post("/api/v1/mail", mail("ada@example.com", "Hopeless"));

        var status = awaitMail(response.text("id"), "DEAD_LETTERED");
        assertThat(status.text("lastError")).startsWith("RETRIES_EXHAUSTED");
    }

    @Test
    void sendsADeadLetteredMessageAgainOnRequest() {
        simulator.fault(Map.of("pathPattern", RunningSimulator.SEND_PATHS, "status", 503, "count", 10));
        String id = api.post("/api/v1/mail", mail("ada@example.com", "Second chance"))
                .text("id");
        awaitMail(id, "DEAD_LETTERED");
        simulator.reset();

        var retried = api.post("/api/v1/mail/" + id + "/retry", "");

        assertThat(retried.status()).isEqualTo(200);
        awaitMail(id, "SENT");
        assertThat(simulator.sent(mailbox)).hasSize(1);
        assertThat(api.post("/api/v1/mail/" + id + "/retry", "").status()).isEqualTo(409);
    }

    @Test
    void replaysDeadLettersOfOneAccount() {
        simulator.fault(Map.of("pathPattern", RunningSimulator.SEND_PATHS, "status", 503, "count", 6));
        String first =
                api.post("/api/v1/mail", mail("ada@example.com", "Lost one")).text("id");
        String second =
                api.post("/api/v1/mail", mail("bob@example.com", "Lost two")).text("id");
        awaitMail(first, "DEAD_LETTERED");
        awaitMail(second, "DEAD_LETTERED");
        simulator.reset();
        long copiesBefore = deadLetterCopies();

        var replay =
                api.post("/api/v1/mail/dead-letters/replay?accountId=" + accountId + "&reason=RETRIES_EXHAUSTED", "");

        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.json().get("replayed").size()).isEqualTo(2);
        assertThat(deadLetterCopies())
                .as("the replayed copies leave the dead-letter queue, other tests' stay")
                .isEqualTo(copiesBefore - 2);
        awaitMail(first, "SENT");
        awaitMail(second, "SENT");
        assertThat(simulator.sent(mailbox)).hasSize(2);
    }

    @Test
    void replaysTheFirstAnswerForARepeatedIdempotencyKey() {
        String key = UUID.randomUUID().toString();
        var first = api.post("/api/v1/mail", mail("ada@example.com", "Once"), "Idempotency-Key", key);
        var again = api.post("/api/v1/mail", mail("ada@example.com", "Once"), "Idempotency-Key", key);
        var different = api.post("/api/v1/mail", mail("ada@example.com", "Other"), "Idempotency-Key", key);
        var otherClient = new Api(port, "test-key-1")
                .post("/api/v1/mail", mail("ada@example.com", "Once"), "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.text("id")).isEqualTo(first.text("id"));
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(different.status()).isEqualTo(422);
        assertThat(otherClient.text("id")).as("keys are scoped to the API key").isNotEqualTo(first.text("id"));
        awaitMail(first.text("id"), "SENT");
        awaitMail(otherClient.text("id"), "SENT");
        assertThat(simulator.sent(mailbox)).hasSize(2);
    }

    @Test
    void holdsAScheduledMessageUntilItsSendAt() {
        Instant sendAt = Instant.now().plusSeconds(3);
        var response = api.post("/api/v1/mail", """
                {"accountId":"%s","to":["ada@example.com"],"subject":"Later","body":{"contentType":"text","content":"x"},
                 "sendAt":"%s"}""".formatted(accountId, sendAt));

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.text("status")).isEqualTo("SCHEDULED");
        assertThat(simulator.sent(mailbox)).isEmpty();
        var sent = awaitMail(response.text("id"), "SENT");
        assertThat(Instant.parse(sent.text("sentAt"))).isAfterOrEqualTo(sendAt);
    }

    @Test
    void sendsAScheduledMessageAfterTheGatewayThatAcceptedItStopped() {
        var arguments = new ArrayList<>(List.of(TestBackends.arguments()));
        arguments.addAll(List.of(
                "--server.port=0",
                "--management.server.port=0",
                "--spring.jmx.enabled=false",
                "--graphmail.security.api-keys=other"));
        String id;
        try (var acceptingGateway = GatewayApplication.builder().run(arguments.toArray(String[]::new))) {
            int otherPort = ((WebServerApplicationContext) acceptingGateway)
                    .getWebServer()
                    .getPort();
            id = new Api(otherPort, "other")
                    .post("/api/v1/mail", """
                    {"accountId":"%s","to":["ada@example.com"],"subject":"Survives","body":{"contentType":"text","content":"x"},
                     "sendAt":"%s"}""".formatted(accountId, Instant.now().plusSeconds(3)))
                    .text("id");
        }

        awaitMail(id, "SENT");
        assertThat(simulator.sent(mailbox)).hasSize(1);
    }

    @Test
    void answers409WhileTheFirstRequestWithAKeyIsInProgress() throws Exception {
        String key = UUID.randomUUID().toString();
        var digest = MessageDigest.getInstance("SHA-256");
        String client = HexFormat.of().formatHex(digest.digest("test-key-2".getBytes(StandardCharsets.UTF_8)), 0, 6);
        String id = HexFormat.of().formatHex(digest.digest((client + "\n" + key).getBytes(StandardCharsets.UTF_8)));
        String body = mail("ada@example.com", "Slow");
        String fingerprint = HexFormat.of()
                .formatHex(digest.digest(("POST /api/v1/mail\n" + body).getBytes(StandardCharsets.UTF_8)));
        mongo.getCollection("idempotency_keys")
                .insertOne(new Document("_id", id)
                        .append("fingerprint", fingerprint)
                        .append("completed", false)
                        .append("status", 0)
                        .append("createdAt", new Date()));

        var response = api.post("/api/v1/mail", body, "Idempotency-Key", key);

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.text("type")).isEqualTo("https://graphmail.io/problems/idempotency-key-in-flight");
    }

    @Test
    void answers404ForAnUnknownAccount() {
        var response = api.post("/api/v1/mail", """
                {"accountId":"no-such-account","to":["ada@example.com"],"subject":"x","body":{"contentType":"text","content":"x"}}""");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.text("type")).isEqualTo("https://graphmail.io/problems/account-not-found");
    }

    @Test
    void rejectsInvalidRequestWithoutRecordingOrPublishing() {
        long before = mongo.getCollection("mail").countDocuments();

        var response = api.post("/api/v1/mail", """
                {"accountId":"%s","to":["nobody"],"subject":"x","body":{"contentType":"html","content":"x"}}""".formatted(accountId));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("to[0]");
        assertThat(mongo.getCollection("mail").countDocuments()).isEqualTo(before);
    }

    @Test
    void refusesCallsWithoutAValidApiKey() {
        var missing = new Api(port, null).post("/api/v1/mail", mail("ada@example.com", "x"));
        var wrong = new Api(port, "test-key-3").get("/api/v1/mail/" + UUID.randomUUID());

        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.text("type")).isEqualTo("https://graphmail.io/problems/unauthorized");
        assertThat(new Api(managementPort, null).get("/actuator/health").status())
                .as("health needs no key on the management port")
                .isEqualTo(200);
    }

    @Test
    void publishesRecordsLeftUnpublished() {
        String id = UUID.randomUUID().toString();
        String command = """
                {"commandId":"%s","accountId":"%s","to":["ada@example.com"],"subject":"Left behind",
                 "body":{"contentType":"HTML","content":"<p>late</p>"},"submittedAt":"2026-01-01T00:00:00Z"}""".formatted(id, accountId);
        mongo.insert(new MailRecord(
                id,
                accountId,
                MailStatus.ACCEPTED,
                0,
                null,
                Instant.now().minusSeconds(60),
                null,
                true,
                Instant.now().minusSeconds(30),
                null,
                command,
                null,
                null));

        awaitMail(id, "SENT");
        assertThat(simulator.sent(mailbox)).hasSize(1);
    }

    @Test
    void documentsTheApiWithTheBearerScheme() {
        var docs = new Api(port, null).get("/v3/api-docs");

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json()
                        .get("components")
                        .get("securitySchemes")
                        .get("apiKey")
                        .get("scheme")
                        .asString())
                .isEqualTo("bearer");
        assertThat(docs.json().get("paths").has("/api/v1/mail")).isTrue();
    }

    @Test
    void exposesMailCountersForPrometheus() {
        awaitMail(api.post("/api/v1/mail", mail("ada@example.com", "Counted")).text("id"), "SENT");

        var metrics = new Api(managementPort, null).get("/actuator/prometheus");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("graphmail_mail_accepted_total")
                .containsPattern("graphmail_publish_confirm_seconds_count\\{[^}]*result=\"confirmed\"[^}]*"
                        + "routing_key=\"mail.send.transactional.v1\"[^}]*} [1-9]")
                .containsPattern("graphmail_mail_completed_total\\{[^}]*status=\"FAILED\"[^}]*} ");
    }

    @Test
    void countsEachMessageOnceByItsFinalStatus() {
        double sentBefore = completed(MailStatus.SENT);
        double failedBefore = completed(MailStatus.FAILED);
        simulator.fault(Map.of(
                "pathPattern",
                RunningSimulator.SEND_PATHS,
                "status",
                400,
                "errorCode",
                "ErrorInvalidRecipients",
                "count",
                1));
        String failed =
                api.post("/api/v1/mail", mail("ada@example.com", "Refused")).text("id");
        awaitMail(failed, "FAILED");
        String sent = api.post("/api/v1/mail", mail("ada@example.com", "Counted once"))
                .text("id");
        var status = awaitMail(sent, "SENT");

        results.onSent(new MailSent(
                UUID.randomUUID(), UUID.fromString(sent), accountId, 1, Instant.parse(status.text("sentAt"))));

        assertThat(completed(MailStatus.SENT)).as("a repeated result").isEqualTo(sentBefore + 1);
        assertThat(completed(MailStatus.FAILED)).isEqualTo(failedBefore + 1);
    }

    private double completed(MailStatus status) {
        return meterRegistry
                .get("graphmail.mail.completed")
                .tag("status", status.name())
                .counter()
                .count();
    }

    private String mail(String to, String subject) {
        return """
                {"accountId":"%s","to":["%s"],"subject":"%s","body":{"contentType":"html","content":"<p>Hello</p>"}}""".formatted(accountId, to, subject);
    }

    private long deadLetterCopies() {
        var queue = rabbitAdmin.getQueueInfo(MailTopology.SEND_DEAD_LETTER_QUEUE);
        return queue == null ? 0 : queue.getMessageCount();
    }

    private Api.Response awaitMail(String id, String status) {
        return awaitStatus("/api/v1/mail/" + id, status);
    }
}
