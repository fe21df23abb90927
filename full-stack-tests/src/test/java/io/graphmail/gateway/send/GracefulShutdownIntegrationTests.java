package io.graphmail.gateway.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graphmail.gateway.FullStackTests;
import io.graphmail.testsupport.RunningSimulator;
import io.graphmail.testsupport.TestAccounts;
import java.time.Duration;
import java.util.HashSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A worker stopped in the middle of a batch (as on SIGTERM) loses no message and sends none twice. */
class GracefulShutdownIntegrationTests extends FullStackTests {

    @Test
    void stoppingAWorkerMidBatchLosesAndDuplicatesNothing() {
        String accountId = "shutdown-" + UUID.randomUUID();
        String mailbox = accountId + "@graphmail.local";
        assertThat(api.post("/api/v1/accounts", TestAccounts.applicationAccountJson(accountId, mailbox))
                        .status())
                .isEqualTo(201);
        simulator.latency(RunningSimulator.SEND_PATHS, 50);
        var stopped = startWorker();
        String recipients = numberedRecipients(300);
        var batch = api.post("/api/v1/mail/batches", """
                {"accountId":"%s","template":{"subject":"Stop {{n}}","text":"Message {{n}}"},"recipients":[%s]}""".formatted(accountId, recipients));
        assertThat(batch.status()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(60))
                .until(() -> simulator.sent(mailbox).size() >= 60);
        stopped.close();
        assertThat(simulator.sent(mailbox).size()).as("stopped mid-batch").isLessThan(300);

        await().atMost(Duration.ofSeconds(120))
                .until(() -> count(api.get(batch.header("Location")).json(), "SENT") == 300);
        var sent = simulator.sent(mailbox);
        assertThat(sent).hasSize(300);
        assertThat(new HashSet<>(
                        sent.stream().map(m -> m.get("subject").asString()).toList()))
                .as("each message once")
                .hasSize(300);
        assertThat(count(api.get(batch.header("Location")).json(), "FAILED")).isZero();
        assertThat(count(api.get(batch.header("Location")).json(), "DEAD_LETTERED"))
                .isZero();
    }

    private static long count(JsonNode batch, String status) {
        JsonNode counts = batch.get("counts");
        return counts == null || !counts.has(status) ? 0 : counts.get(status).asLong();
    }
}
