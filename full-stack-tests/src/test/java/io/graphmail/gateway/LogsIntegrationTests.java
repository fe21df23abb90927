package io.graphmail.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.testsupport.RunningSimulator;
import io.graphmail.testsupport.TestAccounts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** What the services log about a message: its correlation id everywhere, and no secret and no content anywhere. */
@ExtendWith(OutputCaptureExtension.class)
class LogsIntegrationTests extends OwnAccountTests {

    LogsIntegrationTests() {
        super("logs");
    }

    @Test
    void workerLogsTheRequestsCorrelationIdAndNoSecretOrContent(CapturedOutput output) {
        simulator.fault(Map.of("pathPattern", RunningSimulator.SEND_PATHS, "status", 503, "count", 1));
        String correlationId = "test-" + UUID.randomUUID();
        String subject = "Subject-" + UUID.randomUUID();
        String body = "Body-" + UUID.randomUUID();

        var accepted = api.post("/api/v1/mail", """
                {"accountId":"%s","to":["ada@example.com"],"subject":"%s",
                 "body":{"contentType":"html","content":"<p>%s</p>"}}""".formatted(accountId, subject, body), "X-Request-Id", correlationId);

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.header("X-Request-Id")).isEqualTo(correlationId);
        String id = accepted.text("id");
        assertThat(awaitStatus("/api/v1/mail/" + id, "SENT")
                        .json()
                        .get("attempts")
                        .asInt())
                .isEqualTo(2);
        assertThat(simulator.sent(mailbox)).hasSize(1);
        assertThat(simulator.tokenRequests())
                .as("the worker got a token with the client secret")
                .containsKey("client_credentials");
        List<String> workerLines = output.getAll()
                .lines()
                .filter(line -> line.contains(correlationId) && line.contains("worker."))
                .toList();
        assertThat(workerLines)
                .as("the attempt Graph refused, then the send after the retry delay")
                .anyMatch(line -> line.contains("Command " + id) && line.contains("will be retried"))
                .anyMatch(line -> line.contains("Sent command " + id));
        assertThat(output.getAll())
                .doesNotContain(body, subject, "test-key-1", "test-key-2", TestAccounts.CLIENT_SECRET)
                .doesNotContain("sim-at-", "sim-rt-", "sim-token", "eyJ")
                .doesNotContainPattern("(?i)bearer\\s+[A-Za-z0-9._~+/=-]{8,}");
    }

    @Test
    void aScheduledSendKeepsTheCorrelationIdOfTheRequestThatScheduledIt(CapturedOutput output) {
        String correlationId = "test-" + UUID.randomUUID();

        var accepted = api.post(
                "/api/v1/mail", """
                {"accountId":"%s","to":["ada@example.com"],"subject":"Later","sendAt":"%s",
                 "body":{"contentType":"text","content":"later"}}""".formatted(accountId, Instant.now().plusSeconds(1)), "X-Request-Id", correlationId);

        assertThat(accepted.text("status")).isEqualTo("SCHEDULED");
        String id = accepted.text("id");
        awaitStatus("/api/v1/mail/" + id, "SENT");
        assertThat(output.getAll().lines())
                .anyMatch(line -> line.contains(correlationId) && line.contains("Sent command " + id));
    }

    @Test
    void answersWithANewCorrelationIdWhenTheCallerSendsNoneOrAnUnusableOne() {
        var none = api.get("/api/v1/mail/" + UUID.randomUUID());
        var unusable = api.get("/api/v1/mail/" + UUID.randomUUID(), "X-Request-Id", "a b\tc");

        assertThat(UUID.fromString(none.header("X-Request-Id"))).isNotNull();
        assertThat(UUID.fromString(unusable.header("X-Request-Id"))).isNotNull();
    }

    @Test
    void isReadyOnlyWithTheBrokerAndMongoDb() {
        var readiness = new Api(managementPort, null).get("/actuator/health/readiness");

        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().get("components").propertyNames()).contains("readinessState", "rabbit", "mongo");
    }
}
