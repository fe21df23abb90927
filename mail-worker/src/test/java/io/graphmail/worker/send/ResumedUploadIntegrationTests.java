package io.graphmail.worker.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.contract.send.MailAttachment;
import io.graphmail.contract.send.MailSent;
import io.graphmail.testsupport.TestAccounts;
import io.graphmail.worker.MailWorkerApplication;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A large attachment whose upload Graph refuses mid-way (429 over the mailbox's upload volume) is resumed where the
 * session stands after {@code Retry-After}, not uploaded again from the start.
 */
@SpringBootTest(
        classes = MailWorkerApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "spring.config.name=mail-worker")
// Room in the window for the first range, not the second, until the first leaves it a second or two later.
@SimulatorArguments({
    "--graphmail.simulator.throttling.upload-bytes-per-window=3400000",
    "--graphmail.simulator.throttling.upload-window=2s"
})
class ResumedUploadIntegrationTests extends SimulatedMailboxTests {

    static final int FILE_BYTES = 3_500_000;
    static final int FIRST_RANGE = 10 * 320 * 1024;

    ResumedUploadIntegrationTests() {
        super("uploads");
    }

    @Test
    void resumesARefusedUploadFromTheSessionsNextExpectedRange() throws Exception {
        byte[] file = new byte[FILE_BYTES];
        new Random(7).nextBytes(file);
        var command = sendMail()
                .subject("Figures")
                .textBody("Attached.")
                .attachments(new MailAttachment(
                        "figures.bin",
                        "application/octet-stream",
                        Base64.getEncoder().encodeToString(file)))
                .build();
        publish(command);

        MailSent sent = events.awaitOne(MailSent.class, command.commandId());

        assertThat(sent.attempts()).isEqualTo(1);
        var attachment = simulator.sent(mailbox).get(0).get("attachments").get(0);
        assertThat(attachment.get("size").asInt()).isEqualTo(FILE_BYTES);
        assertThat(attachment.get("sha256").asString())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(file)));
        var stats = simulator.statsPerApp(mailbox).get(TestAccounts.CLIENT_ID);
        assertThat(stats.throttled()).as("the second range was refused").isEqualTo(1);
        var uploads = simulator.requestCounts("/_upload/*");
        assertThat(uploads.entrySet())
                .as("two ranges, one refused and sent again, and one look at the session")
                .allSatisfy(count ->
                        assertThat(count.getValue()).isEqualTo(count.getKey().startsWith("PUT") ? 3 : 1))
                .hasSize(2);
        assertThat(stats.uploadedBytes() - FILE_BYTES)
                .as("bytes sent beyond the file: only the JSON of the draft and the session, no range twice")
                .isBetween(0L, 10_000L);
    }
}
