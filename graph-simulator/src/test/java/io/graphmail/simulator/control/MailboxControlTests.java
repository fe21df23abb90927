package io.graphmail.simulator.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.simulator.SimulatorTests;
import io.graphmail.simulator.mailbox.Folder;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class MailboxControlTests extends SimulatorTests {

    static final String MAILBOX = "u@x.io";
    static final String CONTROL = "/_sim/mailboxes/" + MAILBOX;

    @Test
    void generatesAThousandRealisticMessagesInAFolder() {
        var generated = http.post(
                CONTROL + "/messages/generate", "{\"count\": 1000, \"folder\": \"inbox\", \"bodyBytes\": 2000}");

        assertThat(generated.status()).isEqualTo(201);
        List<String> ids = ids(generated.json().path("ids"));
        assertThat(ids).hasSize(1000).doesNotHaveDuplicates();
        var contents = http.get(CONTROL + "/folders/inbox/messages").json();
        assertThat(contents.path("count").asInt()).isEqualTo(1000);
        assertThat(ids(contents.path("value")
                        .valueStream()
                        .map(entry -> entry.path("id"))
                        .toList()))
                .containsExactlyElementsOf(ids);
        var message =
                http.get("/v1.0/users/" + MAILBOX + "/messages/" + ids.get(999)).json();
        assertThat(message.path("from").path("emailAddress").path("address").asString())
                .contains("@");
        assertThat(message.path("toRecipients")
                        .get(0)
                        .path("emailAddress")
                        .path("address")
                        .asString())
                .isEqualTo(MAILBOX);
        assertThat(message.path("body").path("contentType").asString()).isEqualTo("html");
        assertThat(message.path("body").path("content").asString()).hasSizeBetween(1900, 2100);
        assertThat(message.path("bodyPreview").asString())
                .hasSizeLessThanOrEqualTo(255)
                .isNotBlank();
        assertThat(message.path("hasAttachments").asBoolean()).isFalse();
    }

    @Test
    void refusesToGenerateWithoutACountOrBeyondTheLimits() {
        assertThat(http.post(CONTROL + "/messages/generate", "{}").errorCode()).isEqualTo("ErrorInvalidRequest");
        assertThat(http.post(CONTROL + "/messages/generate", "{\"count\": 1, \"attachmentBytes\": 4000000}")
                        .status())
                .isEqualTo(400);
        assertThat(http.post(CONTROL + "/messages/generate", "{\"count\": 1, \"folder\": \"archive\"}")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void updatesAMessageWithANewChangeKey() {
        var seeded = http.post(CONTROL + "/messages", "{\"subject\": \"before\", \"isRead\": false}")
                .json();
        String id = seeded.path("id").asString();

        var updated = http.patch(
                CONTROL + "/messages/" + id, "{\"isRead\": true, \"subject\": \"after\", \"categories\": [\"Blue\"]}");

        assertThat(updated.status()).isEqualTo(200);
        var entry = http.get(CONTROL + "/folders/inbox/messages")
                .json()
                .path("value")
                .get(0);
        assertThat(entry.path("id").asString()).isEqualTo(id);
        assertThat(entry.path("isRead").asBoolean()).isTrue();
        assertThat(entry.path("subject").asString()).isEqualTo("after");
        assertThat(entry.path("categories").get(0).asString()).isEqualTo("Blue");
        assertThat(entry.path("changeKey").asString())
                .isNotEqualTo(seeded.path("changeKey").asString());
        assertThat(http.patch(CONTROL + "/messages/" + id, "{\"parentFolderId\": \"sentitems\"}")
                        .errorCode())
                .isEqualTo("ErrorInvalidPropertyUpdate");
        assertThat(http.patch(CONTROL + "/messages/AAMkmissing", "{\"isRead\": true}")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void movesAndDeletesMessages() {
        String moved = seed("moved");
        String deleted = seed("deleted");
        seed("stays");

        var move = http.post(CONTROL + "/messages/" + moved + "/move", "{\"folder\": \"sentitems\"}");
        var delete = http.delete(CONTROL + "/messages/" + deleted);

        assertThat(move.json().path("parentFolderId").asString()).isEqualTo(Folder.SENT_ITEMS.id());
        assertThat(delete.status()).isEqualTo(204);
        assertThat(subjects("inbox")).containsExactly("stays");
        assertThat(subjects("sentitems")).containsExactly("moved");
        assertThat(http.delete(CONTROL + "/messages/" + deleted).status()).isEqualTo(404);
        assertThat(http.get("/v1.0/users/" + MAILBOX + "/messages/" + moved)
                        .json()
                        .path("parentFolderId")
                        .asString())
                .isEqualTo(Folder.SENT_ITEMS.id());
    }

    @Test
    void seedsIntoTheFolderAMessageNames() {
        http.post(CONTROL + "/messages", "{\"subject\": \"sent\", \"parentFolderId\": \"SentItems\"}");

        assertThat(subjects("sentitems")).containsExactly("sent");
        assertThat(subjects("inbox")).isEmpty();
    }

    @Test
    void describesWellKnownFoldersWithTheirCounts() {
        http.post(CONTROL + "/messages", "[{\"isRead\": true}, {\"isRead\": false}, {\"isRead\": false}]");

        var inbox = http.get("/v1.0/users/" + MAILBOX + "/mailFolders/Inbox").json();
        var sentItems =
                http.get("/v1.0/users/" + MAILBOX + "/mailFolders/sentitems").json();
        var all = http.get("/v1.0/users/" + MAILBOX + "/mailFolders").json();

        assertThat(inbox.path("id").asString())
                .isEqualTo(Folder.INBOX.id())
                .startsWith("AQMk")
                .matches("[A-Za-z0-9_-]{40,}");
        assertThat(inbox.path("displayName").asString()).isEqualTo("Inbox");
        assertThat(inbox.path("totalItemCount").asInt()).isEqualTo(3);
        assertThat(inbox.path("unreadItemCount").asInt()).isEqualTo(2);
        assertThat(sentItems.path("displayName").asString()).isEqualTo("Sent Items");
        assertThat(sentItems.path("totalItemCount").asInt()).isZero();
        assertThat(all.path("value")
                        .valueStream()
                        .map(folder -> folder.path("displayName").asString()))
                .containsExactly("Inbox", "Drafts", "Sent Items", "Deleted Items");
        assertThat(all.path("value")
                        .valueStream()
                        .map(folder -> folder.path("id").asString()))
                .doesNotHaveDuplicates()
                .noneMatch(id -> id.matches("(?i)inbox|drafts|sentitems|deleteditems"));
        assertThat(http.get("/v1.0/users/" + MAILBOX + "/mailFolders/" + Folder.INBOX.id())
                        .json()
                        .path("displayName")
                        .asString())
                .isEqualTo("Inbox");
        assertThat(http.get("/v1.0/users/" + MAILBOX + "/mailFolders/DeletedItems")
                        .json()
                        .path("id")
                        .asString())
                .isEqualTo(Folder.DELETED_ITEMS.id());
        assertThat(http.get("/v1.0/users/" + MAILBOX + "/mailFolders/archive").status())
                .isEqualTo(404);
        assertThat(http.get("/v1.0/users/" + MAILBOX + "/mailFolders/"
                                + Folder.INBOX.id().toLowerCase(Locale.ROOT))
                        .status())
                .as("ids are case-sensitive")
                .isEqualTo(404);
    }

    @Test
    void forgetsDeltaStateWithTheMailboxes() {
        http.post(CONTROL + "/messages/generate", "{\"count\": 2}");
        http.get("/v1.0/users/" + MAILBOX + "/mailFolders/inbox/messages/delta");

        http.delete("/_sim/mailboxes");

        var stats = http.get(CONTROL + "/delta/stats").json();
        assertThat(stats.path("initialRounds").asLong()).isZero();
        assertThat(stats.path("pages").asLong()).isZero();
        assertThat(http.get(CONTROL + "/folders/inbox/messages")
                        .json()
                        .path("count")
                        .asInt())
                .isZero();
    }

    private String seed(String subject) {
        return http.post(CONTROL + "/messages", "{\"subject\": \"" + subject + "\"}")
                .json()
                .path("id")
                .asString();
    }

    private List<String> subjects(String folder) {
        return http.get(CONTROL + "/folders/" + folder + "/messages")
                .json()
                .path("value")
                .valueStream()
                .map(entry -> entry.path("subject").asString())
                .toList();
    }

    private static List<String> ids(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    private static List<String> ids(List<JsonNode> nodes) {
        return nodes.stream().map(JsonNode::asString).toList();
    }
}
