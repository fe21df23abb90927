package io.graphmail.simulator.sending;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.simulator.SimulatorTests;
import io.graphmail.simulator.mailbox.Folder;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ReplyTests extends SimulatorTests {

    static final String MAILBOX = "me@x.io";
    static final String MESSAGES = "/v1.0/users/" + MAILBOX + "/messages";

    @Test
    void repliesToTheSenderInTheSameConversation() {
        String original = seed("inbox", """
                {"subject": "Budget", "conversationId": "AAQkbudget",
                 "from": {"emailAddress": {"address": "ada@x.io", "name": "Ada"}},
                 "toRecipients": [{"emailAddress": {"address": "me@x.io"}}, {"emailAddress": {"address": "bob@x.io"}}],
                 "body": {"contentType": "text", "content": "Numbers <attached>"}}""");

        var created = http.post(MESSAGES + "/" + original + "/createReply", "{\"Comment\": \"Thanks!\"}");

        assertThat(created.status()).isEqualTo(201);
        JsonNode reply = created.json();
        assertThat(reply.path("subject").asString()).isEqualTo("RE: Budget");
        assertThat(reply.path("conversationId").asString()).isEqualTo("AAQkbudget");
        assertThat(reply.path("isDraft").asBoolean()).isTrue();
        assertThat(reply.path("parentFolderId").asString()).isEqualTo(Folder.DRAFTS.id());
        assertThat(addresses(reply.path("toRecipients"))).containsExactly("ada@x.io");
        assertThat(reply.path("ccRecipients")).isEmpty();
        assertThat(reply.path("body").path("contentType").asString()).isEqualTo("html");
        assertThat(reply.path("body").path("content").asString())
                .contains("Thanks!")
                .contains("Numbers &lt;attached&gt;")
                .contains("<b>Subject:</b> Budget");
        assertThat(reply.path("internetMessageId").asString()).isNotBlank();
        assertThat(http.get("/_sim/mailboxes/" + MAILBOX + "/drafts/stats")
                        .json()
                        .path("created")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void repliesToTheReplyToAddressesOfAMessageInAnyFolder() {
        String original = seed("sentitems", """
                {"subject": "RE: Plans", "from": {"emailAddress": {"address": "me@x.io"}},
                 "replyTo": [{"emailAddress": {"address": "team@x.io"}}],
                 "toRecipients": [{"emailAddress": {"address": "bob@x.io"}}]}""");

        JsonNode reply =
                http.post(MESSAGES + "/" + original + "/createReply", "").json();

        assertThat(reply.path("subject").asString()).isEqualTo("RE: Plans");
        assertThat(addresses(reply.path("toRecipients"))).containsExactly("team@x.io");
    }

    @Test
    void repliesToAllButTheMailboxItself() {
        String original = seed("inbox", """
                {"subject": "Offsite", "from": {"emailAddress": {"address": "ada@x.io"}},
                 "toRecipients": [{"emailAddress": {"address": "ME@x.io"}}, {"emailAddress": {"address": "bob@x.io"}},
                                  {"emailAddress": {"address": "ada@x.io"}}],
                 "ccRecipients": [{"emailAddress": {"address": "carol@x.io"}}, {"emailAddress": {"address": "bob@x.io"}},
                                  {"emailAddress": {"address": "me@x.io"}}]}""");

        JsonNode reply =
                http.post(MESSAGES + "/" + original + "/createReplyAll", "").json();

        assertThat(addresses(reply.path("toRecipients"))).containsExactly("ada@x.io", "bob@x.io");
        assertThat(addresses(reply.path("ccRecipients"))).containsExactly("carol@x.io");
    }

    @Test
    void takesPropertiesOfTheGivenMessage() {
        String original =
                seed("inbox", "{\"subject\": \"Q\", \"from\": {\"emailAddress\": {\"address\": \"ada@x.io\"}}}");

        JsonNode reply =
                http.post(MESSAGES + "/" + original + "/createReply", """
                        {"Message": {"toRecipients": [{"emailAddress": {"address": "desk@x.io"}}],
                                     "internetMessageHeaders": [{"name": "x-client-key", "value": "r-1"}],
                                     "body": {"contentType": "text", "content": "Answer"}}}""").json();

        assertThat(addresses(reply.path("toRecipients"))).containsExactly("desk@x.io");
        assertThat(reply.path("body").path("content").asString()).isEqualTo("Answer");
        assertThat(http.get(MESSAGES + "/" + reply.path("id").asString() + "?$select=internetMessageHeaders")
                        .json()
                        .path("internetMessageHeaders")
                        .get(0)
                        .path("value")
                        .asString())
                .isEqualTo("r-1");
    }

    @Test
    void refusesACommentWithABodyAndUnknownOriginals() {
        String original =
                seed("inbox", "{\"subject\": \"Q\", \"from\": {\"emailAddress\": {\"address\": \"ada@x.io\"}}}");

        var both = http.post(
                MESSAGES + "/" + original + "/createReply",
                "{\"comment\": \"c\", \"message\": {\"body\": {\"content\": \"b\"}}}");
        var unknown = http.post(MESSAGES + "/AAMkunknown/createReplyAll", "");

        assertThat(both.status()).isEqualTo(400);
        assertThat(both.errorCode()).isEqualTo("ErrorInvalidRequest");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo("ErrorItemNotFound");
        assertThat(http.get("/v1.0/users/" + MAILBOX + "/mailFolders/drafts/messages")
                        .json()
                        .path("value"))
                .isEmpty();
    }

    private String seed(String folder, String message) {
        return http.post("/_sim/mailboxes/" + MAILBOX + "/messages?folder=" + folder, message)
                .json()
                .path("id")
                .asString();
    }

    private static List<String> addresses(JsonNode recipients) {
        return recipients
                .valueStream()
                .map(recipient -> recipient.path("emailAddress").path("address").asString())
                .toList();
    }
}
