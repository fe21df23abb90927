package io.graphmail.worker.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graphmail.contract.send.MailFailed;
import io.graphmail.contract.send.MailSent;
import io.graphmail.contract.send.SendMailCommand;
import io.graphmail.worker.MailWorkerApplication;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * Exchange Online's sending limits are no errors for the worker: Graph accepts the mail (202), so it is sent, whether
 * Exchange delivers it late (over the messages per minute) or bounces it with a non-delivery report (over the
 * recipient or size limits). The simulator's rate window is shortened so that late mail arrives within the test.
 */
@SpringBootTest(
        classes = MailWorkerApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"spring.config.name=mail-worker", "graphmail.worker.retry.initial-backoff=50ms"})
@SimulatorArguments("--graphmail.simulator.sending.rate-window=10s")
class ExchangeLimitsIntegrationTests extends SimulatedMailboxTests {

    ExchangeLimitsIntegrationTests() {
        super("exchange");
    }

    @Test
    void mailOverTheMessagesPerMinuteIsSentAndDeliveredLateWithoutA429() {
        simulator.limits(mailbox, Map.of("messagesPerMinute", 2));
        var commands = IntStream.range(0, 5)
                .mapToObj(n -> command("Over the rate " + n, List.of("ada@example.com")))
                .toList();
        commands.forEach(this::publish);

        for (var command : commands) {
            assertThat(events.awaitOne(MailSent.class, command.commandId()).attempts())
                    .isEqualTo(1);
            assertThat(events.all(MailFailed.class, command.commandId())).isEmpty();
        }
        assertThat(simulator.stats(mailbox).throttled()).isZero();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> simulator.sent(mailbox).size() == 5);
        assertThat(simulator.outbox(mailbox)).isEmpty();
        assertThat(simulator.sent(mailbox))
                .as("three of five delivered later than sent, each in its slot")
                .filteredOn(message -> Instant.parse(message.path("deliveredAt").asString())
                        .isAfter(Instant.parse(message.path("sentDateTime").asString())))
                .hasSize(3);
    }

    @Test
    void mailOverTheRecipientLimitIsSentAndBouncesIntoTheSendersInbox() {
        simulator.limits(mailbox, Map.of("recipientsPerMessage", 2));
        var command = command("Too many", List.of("ada@example.com", "bob@example.com", "cy@example.com"));
        publish(command);

        assertThat(events.awaitOne(MailSent.class, command.commandId()).attempts())
                .isEqualTo(1);
        assertThat(simulator.sent(mailbox)).isEmpty();
        JsonNode original = simulator.messages(mailbox, "sentitems").get(0);
        List<JsonNode> inbox = simulator.messages(mailbox, "inbox");
        assertThat(inbox).hasSize(1);
        JsonNode report = inbox.get(0);
        assertThat(report.path("subject").asString()).isEqualTo("Undeliverable: Too many");
        assertThat(report.path("from").path("emailAddress").path("address").asString())
                .startsWith("MicrosoftExchange");
        assertThat(report.path("body").path("content").asString())
                .contains("550 5.5.3")
                .contains(original.path("internetMessageId").asString());
    }

    @Test
    void mailOverTheSizeLimitIsSentAndBounces() {
        simulator.limits(mailbox, Map.of("maxMessageSize", 10));
        var command = command("Too large", List.of("ada@example.com"));
        publish(command);

        events.awaitOne(MailSent.class, command.commandId());
        assertThat(simulator.sent(mailbox)).isEmpty();
        assertThat(simulator.messages(mailbox, "inbox"))
                .singleElement()
                .satisfies(
                        report -> assertThat(report.path("body").path("content").asString())
                                .contains("550 5.2.3"));
    }

    private SendMailCommand command(String subject, List<String> to) {
        return sendMail().subject(subject).to(to).htmlBody("<p>Hello there</p>").build();
    }
}
