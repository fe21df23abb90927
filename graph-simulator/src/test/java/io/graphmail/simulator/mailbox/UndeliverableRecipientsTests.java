package io.graphmail.simulator.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.simulator.SimulatorTests;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Recipients at undeliverable addresses: the message goes to everyone else, and each such recipient gets a
 * non-delivery report of its own in the sender's Inbox, with the message class Exchange gives reports.
 */
@TestPropertySource(properties = "graphmail.simulator.sending.undeliverable=*@bounce.invalid,gone@x.io")
class UndeliverableRecipientsTests extends SimulatorTests {

    private static final String MESSAGE_CLASS =
            "$expand=singleValueExtendedProperties($filter=id%20eq%20'String%200x001A')";

    @Test
    void filesAHardBounceForAnUndeliverableRecipientWithTheMessageClass() {
        send(
                "Hello",
                "[{\"emailAddress\": {\"address\": \"ann@bounce.invalid\"}},"
                        + " {\"emailAddress\": {\"address\": \"bob@example.com\"}}]");

        assertThat(http.get("/_sim/mailboxes/a@x.io/sent").json().path("value")).hasSize(1);
        JsonNode original = http.get("/v1.0/users/a@x.io/mailFolders/sentitems/messages")
                .json()
                .path("value")
                .get(0);
        JsonNode report = onlyInboxMessage();
        assertThat(report.path("subject").asString()).isEqualTo("Undeliverable: Hello");
        assertThat(report.path("singleValueExtendedProperties")
                        .get(0)
                        .path("value")
                        .asString())
                .isEqualTo("REPORT.IPM.Note.NDR");
        assertThat(report.path("body").path("content").asString())
                .contains("ann@bounce.invalid\nRemote server returned '550 5.1.1")
                .doesNotContain("bob@example.com")
                .contains("Message-ID: " + original.path("internetMessageId").asString());
    }

    @Test
    void filesASoftBounceForAFullMailboxAndMatchesSingleAddresses() {
        send("Full", "[{\"emailAddress\": {\"address\": \"cy@mailbox-full.invalid\"}}]");
        send("Gone", "[{\"emailAddress\": {\"address\": \"GONE@x.io\"}}]");

        JsonNode inbox = http.get("/v1.0/users/a@x.io/mailFolders/inbox/messages?" + MESSAGE_CLASS)
                .json()
                .path("value");
        assertThat(inbox).hasSize(2);
        assertThat(inbox.toString()).contains("552 5.2.2").contains("550 5.1.1");
    }

    @Test
    void filesNoReportForDeliverableRecipients() {
        send("Fine", "[{\"emailAddress\": {\"address\": \"bob@example.com\"}}]");

        assertThat(http.get("/v1.0/users/a@x.io/mailFolders/inbox/messages")
                        .json()
                        .path("value"))
                .isEmpty();
    }

    private void send(String subject, String recipients) {
        assertThat(http.post(
                                "/v1.0/users/a@x.io/sendMail",
                                "{\"message\": {\"subject\": \"" + subject + "\", \"toRecipients\": " + recipients
                                        + "}}")
                        .status())
                .isEqualTo(202);
    }

    private JsonNode onlyInboxMessage() {
        JsonNode inbox = http.get("/v1.0/users/a@x.io/mailFolders/inbox/messages?" + MESSAGE_CLASS)
                .json()
                .path("value");
        assertThat(inbox).hasSize(1);
        return inbox.get(0);
    }
}
