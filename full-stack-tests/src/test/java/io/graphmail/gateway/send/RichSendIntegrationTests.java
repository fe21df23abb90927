package io.graphmail.gateway.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graphmail.gateway.OwnAccountTests;
import io.graphmail.testsupport.RunningSimulator;
import java.net.http.HttpRequest;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Uploaded attachments sent by reference through upload sessions, and replies threaded with synced mail. */
class RichSendIntegrationTests extends OwnAccountTests {

    RichSendIntegrationTests() {
        super("rich");
    }

    @Test
    void aTenMegabyteUploadSentWithFiftyMessagesArrivesIntactInEach() throws Exception {
        // 50 × 10 MB is more than Graph lets an app upload to one mailbox in 5 minutes (150 MB); this test is about
        // the content arriving intact, so the simulator takes it all.
        simulator.windowLimits(10_000, 600, 0, 300);
        byte[] content = new byte[10 * 1024 * 1024];
        new Random(11).nextBytes(content);
        String sha256 =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        var upload = api.postBody(
                "/api/v1/attachments?name=plans.bin",
                HttpRequest.BodyPublishers.ofByteArray(content),
                "Content-Type",
                "application/octet-stream");
        assertThat(upload.status()).isEqualTo(201);
        assertThat(upload.text("sha256")).isEqualTo(sha256);

        String recipients = numberedRecipients(50);
        var batch = api.post("/api/v1/mail/batches", """
                {"accountId":"%s","template":{"subject":"Plans {{n}}","text":"See attached","attachmentIds":["%s"]},
                 "recipients":[%s]}""".formatted(accountId, upload.text("id"), recipients));
        assertThat(batch.status()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(120))
                .until(() -> api.get(batch.header("Location"))
                                .json()
                                .get("counts")
                                .path("SENT")
                                .asInt()
                        == 50);
        var sent = simulator.sent(mailbox);
        assertThat(sent).hasSize(50);
        assertThat(sent).allSatisfy(message -> {
            var attachment = message.get("attachments").get(0);
            assertThat(attachment.get("name").asString()).isEqualTo("plans.bin");
            assertThat(attachment.get("size").asLong()).isEqualTo(content.length);
            assertThat(attachment.get("sha256").asString()).isEqualTo(sha256);
        });
    }

    @Test
    void filesAroundGraphsThreeMegabyteLineArriveIntact() throws Exception {
        var expected = new LinkedHashMap<String, String>();
        var ids = new ArrayList<String>();
        for (int size : new int[] {2_900_000, 3_000_000, 3 * 1024 * 1024, 3_500_000}) {
            byte[] content = new byte[size];
            new Random(size).nextBytes(content);
            String name = "file-" + size + ".bin";
            expected.put(
                    name,
                    HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
            var upload = api.postBody(
                    "/api/v1/attachments?name=" + name,
                    HttpRequest.BodyPublishers.ofByteArray(content),
                    "Content-Type",
                    "application/octet-stream");
            assertThat(upload.status()).isEqualTo(201);
            ids.add("\"" + upload.text("id") + "\"");
        }

        var mail = api.post("/api/v1/mail", """
                {"accountId":"%s","to":["ada@example.com"],"subject":"Files","body":{"contentType":"text","content":"Hi"},
                 "attachmentIds":[%s]}""".formatted(accountId, String.join(",", ids)));
        assertThat(mail.status()).isEqualTo(202);

        awaitStatus("/api/v1/mail/" + mail.text("id"), "SENT");
        var attachments = simulator.sent(mailbox).get(0).get("attachments");
        assertThat(attachments
                        .valueStream()
                        .collect(Collectors.toMap(
                                attachment -> attachment.get("name").asString(),
                                attachment -> attachment.get("sha256").asString())))
                .isEqualTo(expected);
    }

    @Test
    void aDraftWithABodyAndInlineAttachmentsOverFourMegabytesIsSplitAndArrivesIntact() throws Exception {
        byte[] content = new byte[2_900_000];
        new Random(29).nextBytes(content);
        String sha256 =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        String body = "x".repeat(900_000);

        var mail = api.post("/api/v1/mail", """
                {"accountId":"%s","to":["ada@example.com"],"subject":"Inline","body":{"contentType":"text","content":"%s"},
                 "attachments":[{"name":"inline.bin","contentType":"application/octet-stream","contentBase64":"%s"}]}""".formatted(
                        accountId, body, Base64.getEncoder().encodeToString(content)));
        assertThat(mail.status()).isEqualTo(202);

        awaitStatus("/api/v1/mail/" + mail.text("id"), "SENT");
        var sent = simulator.sent(mailbox).get(0);
        assertThat(sent.get("body").get("content").asString()).hasSize(body.length());
        assertThat(sent.get("attachments").get(0).get("sha256").asString()).isEqualTo(sha256);
    }

    @Test
    void aReplyToASyncedMessageThreadsWithIt() {
        var original = simulator.seedInboxMessage(mailbox, "Offsite agenda", "Grace", "grace@example.com");
        var sync = api.post("/api/v1/accounts/" + accountId + "/sync", "{\"folders\":[\"inbox\"]}");
        assertThat(sync.status()).isEqualTo(202);
        String storedId = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> {
                            var items = api.get("/api/v1/accounts/" + accountId + "/messages")
                                    .json()
                                    .get("items");
                            return items.isEmpty()
                                    ? null
                                    : items.get(0).get("id").asString();
                        },
                        id -> id != null);

        var reply = api.post("/api/v1/mail", """
                {"accountId":"%s","inReplyTo":{"messageId":"%s"},"subject":"ignored",
                 "body":{"contentType":"html","content":"<p>Works for me</p>"},"importance":"high"}""".formatted(accountId, storedId));
        assertThat(reply.status()).isEqualTo(202);
        awaitStatus(reply.header("Location"), "SENT");

        var sent = simulator.sent(mailbox).get(0);
        assertThat(sent.get("subject").asString()).isEqualTo("RE: Offsite agenda");
        assertThat(sent.get("conversationId").asString())
                .isEqualTo(original.get("conversationId").asString());
        assertThat(RunningSimulator.recipientAddress(sent, "toRecipients", 0)).isEqualTo("grace@example.com");
        assertThat(sent.get("importance").asString()).isEqualTo("high");
    }
}
