package io.graphmail.simulator.sending;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.simulator.SimulatorTests;
import io.graphmail.simulator.mailbox.Folder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DraftTests extends SimulatorTests {

    static final String MAILBOX = "d@x.io";
    static final String MESSAGES = "/v1.0/users/" + MAILBOX + "/messages";
    static final String KEY = "String {66f5a359-4659-4830-9070-00047ec6ac6e} Name ClientKey";
    static final String OTHER = "String {66f5a359-4659-4830-9070-00047ec6ac6e} Name Batch";

    @Test
    void createsADraftInDraftsAndKeepsItsHeadersAndExtendedProperties() {
        var created = http.post(MESSAGES, draft("k-1", "x-client-key"));

        assertThat(created.status()).isEqualTo(201);
        JsonNode draft = created.json();
        assertThat(draft.path("isDraft").asBoolean()).isTrue();
        assertThat(draft.path("isRead").asBoolean()).isTrue();
        assertThat(draft.path("parentFolderId").asString()).isEqualTo(Folder.DRAFTS.id());
        assertThat(draft.path("from").path("emailAddress").path("address").asString())
                .isEqualTo(MAILBOX);
        assertThat(draft.path("conversationId").asString()).startsWith("AAQk");
        assertThat(draft.path("internetMessageId").asString()).startsWith("<");
        assertThat(draft.path("changeKey").asString()).isNotBlank();
        assertThat(draft.path("createdDateTime").asString()).isNotBlank();
        assertThat(draft.has("internetMessageHeaders")).isFalse();
        assertThat(draft.has("singleValueExtendedProperties")).isFalse();
        assertThat(http.get("/v1.0/users/" + MAILBOX + "/mailFolders/drafts")
                        .json()
                        .path("totalItemCount")
                        .asInt())
                .isEqualTo(1);
        String id = draft.path("id").asString();

        var headers = http.get(MESSAGES + "/" + id + "?$select=subject,internetMessageHeaders")
                .json();
        var expanded = http.get(MESSAGES + "/" + id + "?$expand="
                        + encode("singleValueExtendedProperties($filter=id eq '" + KEY + "')"))
                .json();

        assertThat(headers.path("internetMessageHeaders").get(0).path("name").asString())
                .isEqualTo("x-client-key");
        assertThat(headers.path("internetMessageHeaders").get(0).path("value").asString())
                .isEqualTo("k-1");
        assertThat(headers.has("body")).isFalse();
        assertThat(expanded.path("singleValueExtendedProperties")).hasSize(1);
        assertThat(expanded.path("singleValueExtendedProperties")
                        .get(0)
                        .path("value")
                        .asString())
                .isEqualTo("k-1");
        assertThat(expanded.path("subject").asString()).isEqualTo("Invoice k-1");
    }

    @Test
    void refusesHeadersGraphRefuses() {
        var standard = http.post(MESSAGES, draft("k-1", "In-Reply-To"));
        String six =
                "[" + "{\"name\": \"x-h\", \"value\": \"v\"},".repeat(5) + "{\"name\": \"x-h\", \"value\": \"v\"}]";
        var tooMany = http.post(MESSAGES, "{\"subject\": \"s\", \"internetMessageHeaders\": " + six + "}");
        var sendMail = http.post(
                "/v1.0/users/" + MAILBOX + "/sendMail",
                "{\"message\": {\"toRecipients\": [{\"emailAddress\": {\"address\": \"b@x.io\"}}],"
                        + " \"internetMessageHeaders\": [{\"name\": \"References\", \"value\": \"<a@b>\"}]}}");

        assertThat(standard.status()).isEqualTo(400);
        assertThat(standard.errorCode()).isEqualTo("InvalidInternetMessageHeader");
        assertThat(tooMany.errorCode()).isEqualTo("InvalidInternetMessageHeaderCollection");
        assertThat(sendMail.errorCode()).isEqualTo("InvalidInternetMessageHeader");
        assertThat(http.get("/v1.0/users/" + MAILBOX + "/messages").json().path("value"))
                .isEmpty();
    }

    @Test
    void findsMessagesByAnExtendedPropertyAsGraphFilters() {
        String first = http.post(MESSAGES, draft("Key-A", "x-client-key"))
                .json()
                .path("id")
                .asString();
        http.post(MESSAGES, draft("Key-B", "x-client-key"));

        assertThat(ids(lookUp("drafts", "ep/id eq '" + KEY + "' and ep/value eq 'key-a'")))
                .containsExactly(first);
        assertThat(ids(lookUp(
                        "drafts",
                        "ep/id eq '" + KEY.toUpperCase().replace("CLIENTKEY", "ClientKey")
                                + "' and ep/value eq 'Key-A'")))
                .containsExactly(first);
        assertThat(ids(lookUp(
                        "drafts", "ep/id eq '" + KEY.replace("ClientKey", "clientkey") + "' and ep/value eq 'Key-A'")))
                .isEmpty();
        assertThat(ids(lookUp("drafts", "ep/id eq '" + KEY + "'"))).hasSize(2);
        assertThat(ids(lookUp("sentitems", "ep/id eq '" + KEY + "' and ep/value eq 'Key-A'")))
                .isEmpty();
        assertThat(http.get("/v1.0/users/" + MAILBOX + "/messages?$filter="
                                + encode("internetMessageHeaders/any(h: h/name eq 'x-client-key')"))
                        .errorCode())
                .isEqualTo("ErrorInvalidUrlQueryFilter");
        assertThat(http.get("/v1.0/users/" + MAILBOX + "/messages?$filter="
                                + encode("singleValueExtendedProperties/any(ep: ep/value eq 'Key-A')"))
                        .errorCode())
                .isEqualTo("ErrorInvalidUrlQueryFilter");
    }

    @Test
    void sendsADraftOnceIntoSentItemsUnderTheSameId() {
        String id = http.post(MESSAGES, draft("k-9", "x-client-key"))
                .json()
                .path("id")
                .asString();

        var sent = http.post(MESSAGES + "/" + id + "/send", "");

        assertThat(sent.status()).isEqualTo(202);
        assertThat(sent.text()).isEmpty();
        JsonNode copy = http.get(MESSAGES + "/" + id).json();
        assertThat(copy.path("parentFolderId").asString()).isEqualTo(Folder.SENT_ITEMS.id());
        assertThat(copy.path("isDraft").asBoolean()).isFalse();
        assertThat(copy.path("sentDateTime").asString()).isNotBlank();
        assertThat(http.get("/v1.0/users/" + MAILBOX + "/mailFolders/drafts/messages")
                        .json()
                        .path("value"))
                .isEmpty();
        JsonNode log = http.get("/_sim/mailboxes/" + MAILBOX + "/sent").json().path("value");
        assertThat(log).hasSize(1);
        assertThat(log.get(0).path("id").asString()).isEqualTo(id);
        assertThat(log.get(0)
                        .path("internetMessageHeaders")
                        .get(0)
                        .path("value")
                        .asString())
                .isEqualTo("k-9");
        assertThat(log.get(0)
                        .path("singleValueExtendedProperties")
                        .get(0)
                        .path("value")
                        .asString())
                .isEqualTo("k-9");
        assertThat(http.get("/_sim/mailboxes/" + MAILBOX + "/stats")
                        .json()
                        .path("sends")
                        .asInt())
                .isEqualTo(1);

        var again = http.post(MESSAGES + "/" + id + "/send", "");
        var unknown = http.post(MESSAGES + "/AAMkunknown/send", "");

        assertThat(again.status()).isEqualTo(400);
        assertThat(again.errorCode()).isEqualTo("ErrorInvalidOperation");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo("ErrorItemNotFound");
        assertThat(http.get("/_sim/mailboxes/" + MAILBOX + "/sent").json().path("value"))
                .hasSize(1);
    }

    @Test
    void keepsADraftWithoutRecipientsUnsent() {
        String id = http.post(MESSAGES, "{\"subject\": \"nobody\"}")
                .json()
                .path("id")
                .asString();

        var refused = http.post(MESSAGES + "/" + id + "/send", "");

        assertThat(refused.errorCode()).isEqualTo("ErrorInvalidRecipients");
        assertThat(http.get(MESSAGES + "/" + id).json().path("parentFolderId").asString())
                .isEqualTo(Folder.DRAFTS.id());
        assertThat(http.get("/_sim/mailboxes/" + MAILBOX + "/sent").json().path("value"))
                .isEmpty();
    }

    @Test
    void updatesDraftsAndOnlyWhatGraphAllowsOnOtherMessages() {
        JsonNode draft = http.post(MESSAGES, draft("k-1", "x-client-key")).json();
        String id = draft.path("id").asString();

        var updated = http.patch(MESSAGES + "/" + id, """
                {"@odata.type": "#microsoft.graph.message", "subject": "Invoice 43",
                 "singleValueExtendedProperties": [{"id": "%s", "value": "b-7"}]}""".formatted(OTHER));
        var headers = http.patch(MESSAGES + "/" + id, "{\"internetMessageHeaders\": []}");

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().path("subject").asString()).isEqualTo("Invoice 43");
        assertThat(updated.json().path("changeKey").asString())
                .isNotEqualTo(draft.path("changeKey").asString());
        assertThat(ids(lookUp("drafts", "ep/id eq '" + KEY + "' and ep/value eq 'k-1'")))
                .containsExactly(id);
        assertThat(ids(lookUp("drafts", "ep/id eq '" + OTHER + "' and ep/value eq 'b-7'")))
                .containsExactly(id);
        assertThat(headers.errorCode()).isEqualTo("ErrorInvalidPropertyUpdate");

        String received = http.post("/_sim/mailboxes/" + MAILBOX + "/messages", "{\"subject\": \"hi\"}")
                .json()
                .path("id")
                .asString();
        assertThat(http.patch(MESSAGES + "/" + received, "{\"isRead\": true}")
                        .json()
                        .path("isRead")
                        .asBoolean())
                .isTrue();
        assertThat(http.patch(MESSAGES + "/" + received, "{\"subject\": \"changed\"}")
                        .errorCode())
                .isEqualTo("ErrorInvalidPropertyUpdate");
    }

    @Test
    void attachesSmallFilesAndSendsLargerOnesToUploadSessions() {
        String id = http.post(MESSAGES, draft("k-1", "x-client-key"))
                .json()
                .path("id")
                .asString();

        var attached = http.post(MESSAGES + "/" + id + "/attachments", """
                {"@odata.type": "#microsoft.graph.fileAttachment", "name": "hello.txt",
                 "contentType": "text/plain", "contentBytes": "aGVsbG8="}""");
        String big = Base64.getEncoder().encodeToString(new byte[3 * 1024 * 1024 + 1]);
        var tooBig = http.post(MESSAGES + "/" + id + "/attachments", """
                {"@odata.type": "#microsoft.graph.fileAttachment", "name": "big.bin", "contentBytes": "%s"}""".formatted(big));
        var item = http.post(MESSAGES + "/" + id + "/attachments", """
                {"@odata.type": "#microsoft.graph.itemAttachment", "name": "mail"}""");

        assertThat(attached.status()).isEqualTo(201);
        assertThat(attached.json().path("id").asString()).isNotBlank();
        assertThat(attached.json().path("size").asInt()).isEqualTo(5);
        assertThat(http.get(MESSAGES + "/" + id).json().path("hasAttachments").asBoolean())
                .isTrue();
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(item.errorCode()).isEqualTo("ErrorInvalidRequest");
        assertThat(http.get(MESSAGES + "/" + id + "/attachments").json().path("value"))
                .hasSize(1);
    }

    @Test
    void deletesAMessage() {
        String id = http.post(MESSAGES, draft("k-1", "x-client-key"))
                .json()
                .path("id")
                .asString();

        assertThat(http.delete(MESSAGES + "/" + id).status()).isEqualTo(204);
        assertThat(http.get(MESSAGES + "/" + id).status()).isEqualTo(404);
        assertThat(http.delete(MESSAGES + "/" + id).errorCode()).isEqualTo("ErrorItemNotFound");
    }

    private JsonNode lookUp(String folder, String condition) {
        String filter = "singleValueExtendedProperties/any(ep: " + condition + ")";
        var response =
                http.get("/v1.0/users/" + MAILBOX + "/mailFolders/" + folder + "/messages?$filter=" + encode(filter));
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    private static List<String> ids(JsonNode page) {
        return page.path("value")
                .valueStream()
                .map(m -> m.path("id").asString())
                .toList();
    }

    static String draft(String key, String headerName) {
        return """
                {"subject": "Invoice %1$s", "body": {"contentType": "html", "content": "<p>Due</p>"},
                 "toRecipients": [{"emailAddress": {"address": "b@x.io"}}],
                 "internetMessageHeaders": [{"name": "%2$s", "value": "%1$s"}],
                 "singleValueExtendedProperties": [{"id": "%3$s", "value": "%1$s"}, {"id": "%4$s", "value": "b-1"}]}""".formatted(key, headerName, KEY, OTHER);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
