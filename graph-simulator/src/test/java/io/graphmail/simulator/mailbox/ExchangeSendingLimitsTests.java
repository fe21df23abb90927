package io.graphmail.simulator.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graphmail.simulator.SimulatorHttp.Response;
import io.graphmail.simulator.SimulatorTests;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Exchange Online's sending limits: Graph accepts every send (202); over the rate mail is delivered late, over the
 * recipient and size limits it bounces with a non-delivery report in the sender's Inbox. A short rate window lets
 * late mail arrive within the test.
 */
@TestPropertySource(properties = "graphmail.simulator.sending.rate-window=3s")
class ExchangeSendingLimitsTests extends SimulatorTests {

    @Test
    void deliversMailOverTheRateLateInsteadOfRefusingIt() {
        http.put("/_sim/mailboxes/a@x.io/limits", "{\"messagesPerMinute\": 2}");

        for (int n = 0; n < 4; n++) {
            assertThat(send("a@x.io", "Paced " + n, recipients(1)).status()).isEqualTo(202);
        }

        assertThat(http.get("/_sim/mailboxes/a@x.io/sent").json().path("value")).hasSize(2);
        JsonNode late = http.get("/_sim/mailboxes/a@x.io/outbox").json().path("value");
        assertThat(late)
                .hasSize(2)
                .allSatisfy(message ->
                        assertThat(instant(message, "deliveredAt")).isAfter(instant(message, "sentDateTime")));
        assertThat(http.get("/_sim/mailboxes/a@x.io/stats")
                        .json()
                        .path("throttled")
                        .asInt())
                .isZero();
        assertThat(http.get("/_sim/mailboxes/a@x.io/folders/sentitems/messages")
                        .json()
                        .path("count")
                        .asInt())
                .as("Sent Items holds every copy at once")
                .isEqualTo(4);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> http.get("/_sim/mailboxes/a@x.io/sent")
                                .json()
                                .path("value")
                                .size()
                        == 4);
        assertThat(http.get("/_sim/mailboxes/a@x.io/outbox").json().path("value"))
                .isEmpty();
    }

    @Test
    void bouncesAMessageWithMoreThan500RecipientsIntoTheSendersInbox() {
        assertThat(send("a@x.io", "Too many", recipients(501)).status()).isEqualTo(202);

        assertThat(http.get("/_sim/mailboxes/a@x.io/sent").json().path("value")).isEmpty();
        assertThat(http.get("/_sim/mailboxes/a@x.io/outbox").json().path("value"))
                .isEmpty();
        JsonNode original = http.get("/v1.0/users/a@x.io/mailFolders/sentitems/messages")
                .json()
                .path("value")
                .get(0);
        JsonNode report = onlyInboxMessage("a@x.io");
        assertThat(report.path("subject").asString()).isEqualTo("Undeliverable: Too many");
        assertThat(report.path("from").path("emailAddress").path("address").asString())
                .startsWith("MicrosoftExchange")
                .endsWith("@x.io");
        assertThat(report.path("body").path("content").asString())
                .contains("550 5.5.3")
                .contains("too many recipients")
                .contains("Message-ID: " + original.path("internetMessageId").asString());
    }

    @Test
    void sendsUpTo500RecipientsByDefault() {
        assertThat(send("a@x.io", "Many", recipients(500)).status()).isEqualTo(202);

        assertThat(http.get("/_sim/mailboxes/a@x.io/sent").json().path("value")).hasSize(1);
        assertThat(http.get("/_sim/mailboxes/a@x.io/folders/inbox/messages")
                        .json()
                        .path("count")
                        .asInt())
                .isZero();
    }

    @Test
    void bouncesWhatGoesOverTheDailyRecipientLimit() {
        http.put("/_sim/mailboxes/a@x.io/limits", "{\"recipientsPerDay\": 3}");

        send("a@x.io", "First", recipients(2));
        send("a@x.io", "Second", recipients(2));
        send("a@x.io", "Third", recipients(1));

        assertThat(http.get("/_sim/mailboxes/a@x.io/sent").json().path("value"))
                .extracting(message -> message.path("subject").asString())
                .containsExactly("First", "Third");
        JsonNode report = onlyInboxMessage("a@x.io");
        assertThat(report.path("subject").asString()).isEqualTo("Undeliverable: Second");
        assertThat(report.path("body").path("content").asString()).contains("5.1.90");
    }

    @Test
    void bouncesAMessageOverTheSizeLimitCountingAttachmentsAsEncoded() {
        http.put("/_sim/mailboxes/a@x.io/limits", "{\"maxMessageSize\": 1000}");
        String attachment = "{\"@odata.type\": \"#microsoft.graph.fileAttachment\", \"name\": \"a.bin\","
                + " \"contentBytes\": \"" + "A".repeat(1000) + "\"}";

        send("a@x.io", "Small", recipients(1));
        http.post(
                "/v1.0/users/a@x.io/sendMail",
                "{\"message\": {\"subject\": \"Large\", \"toRecipients\": " + recipients(1) + ", \"attachments\": ["
                        + attachment + "]}}");

        assertThat(http.get("/_sim/mailboxes/a@x.io/sent").json().path("value"))
                .extracting(message -> message.path("subject").asString())
                .containsExactly("Small");
        JsonNode report = onlyInboxMessage("a@x.io");
        assertThat(report.path("subject").asString()).isEqualTo("Undeliverable: Large");
        assertThat(report.path("body").path("content").asString()).contains("550 5.2.3");
    }

    @Test
    void bouncesADraftSentOverTheLimitsToo() {
        http.put("/_sim/mailboxes/a@x.io/limits", "{\"recipientsPerMessage\": 2}");
        String draft = http.post(
                        "/v1.0/users/a@x.io/messages",
                        "{\"subject\": \"Draft\", \"toRecipients\": " + recipients(3) + "}")
                .json()
                .path("id")
                .asString();

        assertThat(http.post("/v1.0/users/a@x.io/messages/" + draft + "/send", "")
                        .status())
                .isEqualTo(202);

        assertThat(http.get("/_sim/mailboxes/a@x.io/sent").json().path("value")).isEmpty();
        assertThat(onlyInboxMessage("a@x.io").path("subject").asString()).isEqualTo("Undeliverable: Draft");
    }

    private Response send(String mailbox, String subject, String recipients) {
        return http.post(
                "/v1.0/users/" + mailbox + "/sendMail",
                "{\"message\": {\"subject\": \"" + subject + "\", \"toRecipients\": " + recipients + "}}");
    }

    private JsonNode onlyInboxMessage(String mailbox) {
        JsonNode inbox = http.get("/v1.0/users/" + mailbox + "/mailFolders/inbox/messages")
                .json()
                .path("value");
        assertThat(inbox).hasSize(1);
        return inbox.get(0);
    }

    private static String recipients(int count) {
        return IntStream.range(0, count)
                .mapToObj(n -> "{\"emailAddress\": {\"address\": \"r" + n + "@example.com\"}}")
                .collect(Collectors.joining(",", "[", "]"));
    }

    private static Instant instant(JsonNode message, String field) {
        return Instant.parse(message.path(field).asString());
    }
}
