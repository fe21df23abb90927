package io.graphmail.worker.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graphmail.contract.send.AttachmentReference;
import io.graphmail.contract.send.MailReply;
import io.graphmail.contract.send.MailSent;
import io.graphmail.contract.send.SendMailCommand;
import io.graphmail.testsupport.RunningSimulator;
import io.graphmail.testsupport.TestAccounts;
import io.graphmail.worker.MailWorkerApplication;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.gridfs.GridFsTemplate;
import tools.jackson.databind.JsonNode;

/** Draft-and-send with a delivery key: one email per command, whatever happens between worker and Graph. */
@SpringBootTest(
        classes = MailWorkerApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "spring.config.name=mail-worker",
            "graphmail.worker.retry.initial-backoff=50ms",
            "graphmail.worker.retry.in-flight-lease=2s",
            "graphmail.graph.timeout=5s"
        })
class ExactlyOnceIntegrationTests extends SimulatedMailboxTests {

    @Autowired
    MeterRegistry meterRegistry;

    @Autowired
    RabbitListenerEndpointRegistry listeners;

    ExactlyOnceIntegrationTests() {
        super("once");
    }

    @Test
    void sendsADraftCarryingItsKeyInTwoGraphRequests() {
        var command = command("Keyed", List.of());
        publish(command);

        events.awaitOne(MailSent.class, command.commandId());
        var sent = simulator.sent(mailbox);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).get("subject").asString()).isEqualTo("Keyed");
        assertThat(sent.get(0).toString()).contains(command.deliveryKey());
        var perMessage = meterRegistry.find("graphmail.mail.graph.requests").summary();
        assertThat(perMessage.max()).isEqualTo(2.0);
    }

    @Test
    void anAmbiguousSendIsLookedUpRatherThanRepeated() {
        simulator.fault(Map.of(
                "pathPattern", RunningSimulator.SEND_PATHS, "afterSuccess", true, "dropConnection", true, "count", 1));
        var command = command("Answer lost", List.of());
        publish(command);

        MailSent sent = events.awaitOne(MailSent.class, command.commandId());
        assertThat(sent.attempts())
                .as("the lost answer used up no attempt; the retry found it in Sent Items")
                .isEqualTo(1);
        assertThat(simulator.sent(mailbox)).hasSize(1);
        assertThat(meterRegistry.counter("graphmail.mail.duplicates.avoided").count())
                .isGreaterThanOrEqualTo(1);
        // Reads are repeated after a dropped connection; a send never is, by the HTTP client or anyone else.
        assertThat(simulator
                        .requestCounts("/v1.0/users/" + mailbox + "/messages/*/send")
                        .values())
                .containsExactly(1);
    }

    @Test
    void aDraftWhoseSendGraphRefusedIsReplacedByTheRetry() {
        simulator.fault(Map.of("pathPattern", RunningSimulator.SEND_PATHS, "status", 500, "count", 1));
        var command = command("Refused once", List.of());
        publish(command);

        assertThat(events.awaitOne(MailSent.class, command.commandId()).attempts())
                .isEqualTo(2);
        assertThat(simulator.sent(mailbox)).hasSize(1);
        assertThat(simulator.messages(mailbox, "drafts"))
                .as("the first attempt's draft was found by its key and deleted, not left behind")
                .isEmpty();
    }

    @Test
    void aSendThatTimesOutAfterGraphAcceptedItIsNotRepeated() {
        // Graph sends the mail and answers after the worker's 5 s timeout.
        simulator.fault(Map.of(
                "pathPattern", RunningSimulator.SEND_PATHS, "afterSuccess", true, "latencyMs", 8_000, "count", 1));
        var command = command("Slow answer", List.of());
        publish(command);

        MailSent sent = events.awaitOne(MailSent.class, command.commandId());
        assertThat(sent.attempts())
                .as("a timeout is a network error, not a used-up attempt")
                .isEqualTo(1);
        assertThat(simulator.sent(mailbox)).hasSize(1);
    }

    @Test
    void aWorkerKilledAfterGraphAcceptedTheSendLeavesOneCopy() {
        // Graph sends the mail, then answers so late that the worker is gone before it hears.
        simulator.fault(Map.of(
                "pathPattern", RunningSimulator.SEND_PATHS, "afterSuccess", true, "latencyMs", 20_000, "count", 1));
        var container = listeners.getListenerContainer("send-mail");
        container.stop();
        var doomed = MailWorkerApplication.builder()
                .run(TestAccounts.standaloneWorkerArguments(
                        simulator, "--graphmail.graph.timeout=60s", "--graphmail.messaging.shutdown-timeout=1s"));
        var command = command("Killed mid-send", List.of());
        try {
            publish(command);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> simulator.sent(mailbox).size() == 1);
        } finally {
            doomed.close();
            container.start();
        }

        events.awaitOne(MailSent.class, command.commandId());
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .until(() -> simulator.sent(mailbox).size() == 1);
    }

    @Test
    void aReplyThreadsWithTheMessageItAnswers() {
        JsonNode original = simulator.seedInboxMessage(mailbox, "Plans for Friday", "Bob", "bob@example.com");
        var reply = sendMail()
                .subject("ignored for replies")
                .to(List.of())
                .htmlBody("<p>Count me in</p>")
                .replyTo(new MailReply("stored-id", original.get("id").asString(), false))
                .build();
        publish(reply);

        events.awaitOne(MailSent.class, reply.commandId());
        var sent = simulator.sent(mailbox).get(0);
        assertThat(sent.get("subject").asString()).isEqualTo("RE: Plans for Friday");
        assertThat(sent.get("conversationId").asString())
                .isEqualTo(original.get("conversationId").asString());
        assertThat(RunningSimulator.recipientAddress(sent, "toRecipients", 0)).isEqualTo("bob@example.com");
        assertThat(sent.get("body").get("content").asString()).contains("Count me in");
    }

    @Test
    void aLargeUploadedAttachmentGoesThroughAnUploadSessionIntact() throws Exception {
        byte[] content = new byte[10 * 1024 * 1024];
        new Random(42).nextBytes(content);
        String sha256 =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        var uploads = new GridFsTemplate(mongo.getMongoDatabaseFactory(), mongo.getConverter(), "uploads");
        String id = uploads.store(new ByteArrayInputStream(content), "big.bin", "application/octet-stream")
                .toHexString();
        var command = command(
                "Big file",
                List.of(new AttachmentReference(id, "big.bin", "application/octet-stream", content.length, sha256)));
        publish(command);

        events.awaitOne(MailSent.class, command.commandId());
        var attachment = simulator.sent(mailbox).get(0).get("attachments").get(0);
        assertThat(attachment.get("name").asString()).isEqualTo("big.bin");
        assertThat(attachment.get("size").asLong()).isEqualTo(content.length);
        assertThat(attachment.get("sha256").asString()).isEqualTo(sha256);
    }

    private SendMailCommand command(String subject, List<AttachmentReference> stored) {
        return sendMail().subject(subject).storedAttachments(stored).build();
    }
}
