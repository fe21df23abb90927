package io.graphmail.worker.send;

import static io.graphmail.contract.MailTopology.COMMANDS_EXCHANGE;
import static io.graphmail.contract.MailTopology.SYNC_ROUTING_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graphmail.contract.send.MailSent;
import io.graphmail.contract.send.SendMailCommand;
import io.graphmail.contract.sync.SyncMailboxCommand;
import io.graphmail.testsupport.TestAccounts;
import io.graphmail.worker.MailWorkerApplication;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Sends and a sync of one mailbox, on two workers, share the mailbox's budget of 4 concurrent Graph requests: the
 * simulator, which throttles each app and mailbox as Graph does, never sees more and never has to refuse one.
 */
@SpringBootTest(
        classes = MailWorkerApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "spring.config.name=mail-worker",
            "graphmail.worker.retry.initial-backoff=50ms",
            "graphmail.sync.page-size=10"
        })
class MailboxBudgetIntegrationTests extends SimulatedMailboxTests {

    MailboxBudgetIntegrationTests() {
        super("budget");
    }

    @Override
    Document account() {
        // Graph's 4 concurrent requests per mailbox; test workers default to no limit.
        return super.account().append("limits", new Document("maxConcurrent", 4));
    }

    @Test
    void twentySendsAndASyncOfOneMailboxNeverRunMoreThanFourGraphRequestsAtOnce() {
        simulator.generateMessages(mailbox, "inbox", 40, Map.of("attachments", 1, "attachmentBytes", 1024));
        simulator.latency("/v1.0/users/**", 100);
        try (var otherWorker = MailWorkerApplication.builder().run(TestAccounts.standaloneWorkerArguments(simulator))) {
            var sync = new SyncMailboxCommand(
                    UUID.randomUUID(),
                    UUID.randomUUID(),
                    accountId,
                    List.of("inbox"),
                    SyncMailboxCommand.Mode.FULL,
                    null,
                    Instant.now());
            rabbit.convertAndSend(COMMANDS_EXCHANGE, SYNC_ROUTING_KEY, sync);
            var sends = new ArrayList<SendMailCommand>();
            for (int i = 0; i < 20; i++) {
                sends.add(command("Budget " + i));
            }
            sends.forEach(this::publish);

            await().atMost(Duration.ofSeconds(90))
                    .until(() -> sends.stream()
                            .allMatch(command -> !events.all(MailSent.class, command.commandId())
                                    .isEmpty()));
            await().atMost(Duration.ofSeconds(90)).until(() -> syncCompleted(sync.commandId()));
        }

        var stats = simulator.statsPerApp(mailbox).get(TestAccounts.CLIENT_ID);
        assertThat(stats.maxConcurrentObserved()).isBetween(1, 4);
        assertThat(stats.throttled())
                .as("requests the simulator refused with 429, the last: %s", stats.lastConcurrencyRefusal())
                .isZero();
        assertThat(simulator.sent(mailbox)).hasSize(20);
        assertThat(mongo.getCollection("messages").countDocuments(new Document("accountId", accountId)))
                .isEqualTo(40);
    }

    private boolean syncCompleted(UUID commandId) {
        var state = mongo.getCollection("sync_states")
                .find(new Document("_id", accountId + ":inbox"))
                .first();
        return state != null
                && state.getList("completedCommands", String.class) != null
                && state.getList("completedCommands", String.class).contains(commandId.toString());
    }

    private SendMailCommand command(String subject) {
        return sendMail().subject(subject).build();
    }
}
