package io.graphmail.simulator.sending;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.simulator.SimulatorTests;
import io.graphmail.simulator.mailbox.Folder;
import org.junit.jupiter.api.Test;

class SendMailTests extends SimulatorTests {

    private static final String MESSAGE = """
            {"subject": "Quarterly figures",
             "body": {"contentType": "HTML", "content": "<p>See <b>attached</b></p>"},
             "toRecipients": [{"emailAddress": {"address": "b@x.io", "name": "Bea"}}],
             "ccRecipients": [{"emailAddress": {"address": "c@x.io"}}],
             "attachments": [{"@odata.type": "#microsoft.graph.fileAttachment", "name": "q.txt",
                              "contentType": "text/plain", "contentBytes": "aGVsbG8="}]}
            """;

    @Test
    void acceptsCapitalisedKeysAsTheGraphSdkSendsThem() {
        var response =
                http.post("/v1.0/users/a@x.io/sendMail", "{\"Message\": " + MESSAGE + ", \"SaveToSentItems\": true}");

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.text()).isEmpty();
        var sent = http.get("/_sim/mailboxes/A@X.IO/sent").json().path("value");
        assertThat(sent).hasSize(1);
        var message = sent.get(0);
        assertThat(message.path("subject").asString()).isEqualTo("Quarterly figures");
        assertThat(message.path("body").path("contentType").asString()).isEqualTo("html");
        assertThat(message.path("body").path("content").asString()).isEqualTo("<p>See <b>attached</b></p>");
        assertThat(message.path("bodyPreview").asString()).isEqualTo("See attached");
        assertThat(message.path("from").path("emailAddress").path("address").asString())
                .isEqualTo("a@x.io");
        assertThat(message.path("toRecipients")
                        .get(0)
                        .path("emailAddress")
                        .path("name")
                        .asString())
                .isEqualTo("Bea");
        assertThat(message.path("ccRecipients")).hasSize(1);
        assertThat(message.path("id").asString()).isNotBlank();
        assertThat(message.path("sentDateTime").asString()).isNotBlank();
        assertThat(message.path("hasAttachments").asBoolean()).isTrue();
        assertThat(message.path("attachments").get(0).path("name").asString()).isEqualTo("q.txt");
    }

    @Test
    void sendsFromTheTokensMailboxOnMe() {
        var response = http.post("/v1.0/me/sendMail", "{\"message\": " + MESSAGE + "}");

        assertThat(response.status()).isEqualTo(202);
        assertThat(http.get("/_sim/mailboxes/me@graphmail.local/sent").json().path("value"))
                .hasSize(1);
    }

    @Test
    void filesSentMessagesInSentItemsUnlessToldNotTo() {
        http.post("/v1.0/users/a@x.io/sendMail", "{\"message\": " + MESSAGE + "}");
        http.post("/v1.0/users/a@x.io/sendMail", "{\"message\": " + MESSAGE + ", \"saveToSentItems\": false}");

        var sentItems = http.get("/v1.0/users/a@x.io/mailFolders/SentItems/messages");
        assertThat(sentItems.json().path("value")).hasSize(1);
        assertThat(sentItems.json().path("value").get(0).path("parentFolderId").asString())
                .isEqualTo(Folder.SENT_ITEMS.id());
        assertThat(sentItems.json().path("value").get(0).has("attachments")).isFalse();
        assertThat(http.get("/_sim/mailboxes/a@x.io/sent").json().path("value")).hasSize(2);
    }

    @Test
    void rejectsMessageWithoutRecipients() {
        var response =
                http.post("/v1.0/users/a@x.io/sendMail", "{\"message\": {\"subject\": \"x\", \"toRecipients\": []}}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.errorCode()).isEqualTo("ErrorInvalidRecipients");
        assertThat(response.json().path("error").path("message").asString()).isNotBlank();
        assertThat(response.json()
                        .path("error")
                        .path("innerError")
                        .path("request-id")
                        .asString())
                .isNotBlank();
        assertThat(http.get("/_sim/mailboxes/a@x.io/sent").json().path("value")).isEmpty();
    }

    @Test
    void rejectsMalformedRecipientAddress() {
        var response = http.post(
                "/v1.0/users/a@x.io/sendMail",
                "{\"message\": {\"toRecipients\": [{\"emailAddress\": {\"address\": \"nobody\"}}]}}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("ErrorInvalidRecipients");
    }

    @Test
    void rejectsRequestWithoutMessage() {
        assertThat(http.post("/v1.0/users/a@x.io/sendMail", "{\"saveToSentItems\": true}")
                        .errorCode())
                .isEqualTo("ErrorInvalidRequest");
        assertThat(http.post("/v1.0/users/a@x.io/sendMail", "").status()).isEqualTo(400);
        assertThat(http.post("/v1.0/users/a@x.io/sendMail", "{not json").errorCode())
                .isEqualTo("ErrorInvalidRequest");
    }
}
