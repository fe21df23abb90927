package io.graphmail.simulator.messages;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.simulator.SimulatorTests;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AttachmentTests extends SimulatorTests {

    static final String MAILBOX = "me@graphmail.local";
    static final byte[] REPORT = "figures for Q3\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void listsAMessagesFileAttachmentsWithTheirContent() {
        String id = seedWithAttachment();

        var list = http.get("/v1.0/users/" + MAILBOX + "/messages/" + id + "/attachments");

        assertThat(list.status()).isEqualTo(200);
        var attachment = list.json().path("value").get(0);
        assertThat(list.json().path("value")).hasSize(1);
        assertThat(attachment.path("@odata.type").asString()).isEqualTo("#microsoft.graph.fileAttachment");
        assertThat(attachment.path("id").asString()).isNotBlank();
        assertThat(attachment.path("name").asString()).isEqualTo("q3.csv");
        assertThat(attachment.path("contentType").asString()).isEqualTo("text/csv");
        assertThat(attachment.path("size").asInt()).isEqualTo(REPORT.length);
        assertThat(attachment.path("isInline").asBoolean()).isFalse();
        assertThat(attachment.path("lastModifiedDateTime").asString()).isNotBlank();
        assertThat(Base64.getDecoder().decode(attachment.path("contentBytes").asString()))
                .isEqualTo(REPORT);
    }

    @Test
    void leavesTheContentOutWhenNotSelected() {
        String id = seedWithAttachment();

        var attachment = http.get("/v1.0/users/" + MAILBOX + "/messages/" + id + "/attachments?$select=name,size")
                .json()
                .path("value")
                .get(0);

        assertThat(attachment.propertyNames()).containsExactlyInAnyOrder("@odata.type", "id", "name", "size");
    }

    @Test
    void servesOneAttachmentAndItsRawContent() {
        String id = seedWithAttachment();
        String attachmentId = http.get("/v1.0/me/messages/" + id + "/attachments")
                .json()
                .path("value")
                .get(0)
                .path("id")
                .asString();

        var one = http.get("/v1.0/me/messages/" + id + "/attachments/" + attachmentId);
        var raw = http.getBytes("/v1.0/me/messages/" + id + "/attachments/" + attachmentId + "/$value");

        assertThat(one.json().path("name").asString()).isEqualTo("q3.csv");
        assertThat(Base64.getDecoder().decode(one.json().path("contentBytes").asString()))
                .isEqualTo(REPORT);
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        assertThat(raw.body()).isEqualTo(REPORT);
        assertThat(http.get("/v1.0/me/messages/" + id + "/attachments/AAMkAttmissing")
                        .errorCode())
                .isEqualTo("ErrorItemNotFound");
        assertThat(http.get("/v1.0/me/messages/AAMkmissing/attachments").status())
                .isEqualTo(404);
    }

    @Test
    void generatesMessagesWithAttachmentsOfTheSizeAsked() {
        var generated = http.post(
                "/_sim/mailboxes/" + MAILBOX + "/messages/generate",
                "{\"count\": 3, \"attachments\": 2, \"attachmentBytes\": 5000}");
        String id = generated.json().path("ids").get(0).asString();

        var attachments = http.get("/v1.0/users/" + MAILBOX + "/messages/" + id + "/attachments")
                .json()
                .path("value");
        var message = http.get("/v1.0/users/" + MAILBOX + "/messages/" + id).json();

        assertThat(message.path("hasAttachments").asBoolean()).isTrue();
        assertThat(attachments).hasSize(2);
        for (JsonNode attachment : attachments) {
            assertThat(attachment.path("size").asInt()).isEqualTo(5000);
            assertThat(Base64.getDecoder()
                            .decode(attachment.path("contentBytes").asString()))
                    .hasSize(5000);
        }
        assertThat(attachments.get(0).path("id").asString())
                .isNotEqualTo(attachments.get(1).path("id").asString());
    }

    @Test
    void rejectsAttachmentsThatAreNotBase64() {
        var response = http.post(
                "/_sim/mailboxes/" + MAILBOX + "/messages",
                "{\"attachments\": [{\"name\": \"x\", \"contentBytes\": \"not base64!\"}]}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("ErrorInvalidRequest");
    }

    private String seedWithAttachment() {
        String message = """
                {"subject": "Q3", "attachments": [
                  {"name": "q3.csv", "contentType": "text/csv", "contentBytes": "%s"}]}""".formatted(Base64.getEncoder().encodeToString(REPORT));
        return http.post("/_sim/mailboxes/" + MAILBOX + "/messages", message)
                .json()
                .path("id")
                .asString();
    }
}
