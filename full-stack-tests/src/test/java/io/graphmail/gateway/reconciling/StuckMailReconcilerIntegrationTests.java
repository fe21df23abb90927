package io.graphmail.gateway.reconciling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graphmail.contract.send.MailBody;
import io.graphmail.contract.send.SendMailCommand;
import io.graphmail.gateway.Api;
import io.graphmail.gateway.OwnAccountTests;
import io.graphmail.gateway.mail.MailRecord;
import io.graphmail.gateway.mail.MailStatus;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Messages left ACCEPTED for ever (their command or their result event lost in an outage) are driven to what really
 * happened, with one copy at Graph.
 */
@TestPropertySource(
        properties = {"graphmail.gateway.reconciler.stuck-after=3s", "graphmail.gateway.reconciler.interval=500ms"})
class StuckMailReconcilerIntegrationTests extends OwnAccountTests {

    @Autowired
    JsonMapper jsonMapper;

    @Autowired
    MeterRegistry meterRegistry;

    StuckMailReconcilerIntegrationTests() {
        super("stuck");
    }

    @Test
    void acceptedMessageWhoseCommandWasLostIsSentOnce() {
        var command = command("Lost command");
        insertAccepted(command);

        awaitStatus(command, MailStatus.SENT);
        assertThat(simulator.sent(mailbox)).hasSize(1);
        assertThat(reconciled("republished")).isPositive();
    }

    @Test
    void exposesStuckAndReconciledMailForPrometheus() {
        var metrics = new Api(managementPort, null).get("/actuator/prometheus");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("graphmail_mail_stuck{")
                .contains("graphmail_mail_reconciled_total{")
                .contains("action=\"applied_sent\"")
                .contains("action=\"republished\"");
    }

    @Test
    void acceptedMessageWhoseResultWasLostIsRecordedSentWithoutASecondCopy() {
        var command = command("Lost result");
        commands.publish(command);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> simulator.sent(mailbox).size() == 1);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "SENT"
                        .equals(mongo.getCollection("deliveries")
                                .find(new Document("_id", command.deliveryKey()))
                                .first()
                                .getString("state")));
        insertAccepted(command);

        awaitStatus(command, MailStatus.SENT);
        assertThat(simulator.sent(mailbox)).hasSize(1);
        assertThat(reconciled("applied_sent")).isPositive();
    }

    private void insertAccepted(SendMailCommand command) {
        Instant longAgo = Instant.now().minusSeconds(60);
        mongo.insert(new MailRecord(
                command.commandId().toString(),
                accountId,
                MailStatus.ACCEPTED,
                0,
                null,
                longAgo,
                null,
                false,
                longAgo,
                null,
                jsonMapper.writeValueAsString(command),
                null,
                null));
    }

    private void awaitStatus(SendMailCommand command, MailStatus status) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> mongo.findById(command.commandId().toString(), MailRecord.class)
                                .status()
                        == status);
    }

    private double reconciled(String action) {
        return meterRegistry
                .get("graphmail.mail.reconciled")
                .tag("action", action)
                .counter()
                .count();
    }

    private SendMailCommand command(String subject) {
        return new SendMailCommand(
                UUID.randomUUID(),
                accountId,
                List.of("ada@example.com"),
                List.of(),
                List.of(),
                subject,
                new MailBody(MailBody.ContentType.HTML, "<p>Hello</p>"),
                List.of(),
                List.of(),
                Instant.now(),
                null,
                0,
                List.of(),
                null,
                null,
                Map.of(),
                null,
                null);
    }
}
