package io.graphmail.worker.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.graphmail.contract.send.MailAttachment;
import io.graphmail.contract.send.MailBody;
import io.graphmail.contract.send.SendMailCommand;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A draft's body written raw is the JSON the Graph SDK's model gave, for every part a command can hold. */
class DraftJsonTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void writesAPlainMessageAsTheSdkDid() {
        var command =
                command(List.of("ada@example.com"), List.of(), List.of(), List.of(), List.of(), null, Map.of(), 0);

        assertSameAsSdk(command, true);
        assertSameAsSdk(command, false);
    }

    @Test
    void writesEveryPartAsTheSdkDid() {
        var command = command(
                List.of("ada@example.com", "bob@example.com"),
                List.of("cy@example.com"),
                List.of("di@example.com"),
                List.of("replies@example.com"),
                List.of(
                        new MailAttachment("a.txt", "text/plain", base64("hello")),
                        new MailAttachment("b.bin", "application/octet-stream", base64("\u0000\u0001\u0002"))),
                "HIGH",
                Map.of("x-campaign", "spring", "x-tag", "\"quoted\" \\ é"),
                2);

        assertSameAsSdk(command, true);
        assertSameAsSdk(command, false);
    }

    @Test
    void leavesOutWhatTheSdkLeftOut() {
        var command = new SendMailCommand(
                UUID.randomUUID(),
                "account",
                List.of(),
                List.of(),
                List.of(),
                null,
                new MailBody(MailBody.ContentType.TEXT, "plain text"),
                List.of(),
                List.of(),
                Instant.now(),
                null,
                0,
                List.of(),
                null,
                "urgent",
                Map.of(),
                null,
                null);

        assertSameAsSdk(command, true);
    }

    @Test
    void refusesAttachmentContentThatIsNotBase64AsTheSdkDid() {
        var command = command(
                List.of("ada@example.com"),
                List.of(),
                List.of(),
                List.of(),
                List.of(new MailAttachment("a.txt", "text/plain", "not base64!")),
                null,
                Map.of(),
                0);

        assertThatThrownBy(() -> DraftJson.of(command, true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsTheCreatedDraftsIdsAndSkipsTheRest() {
        String answer = """
                {"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users('a')/messages/$entity",
                 "id":"AAMkAD=","body":{"contentType":"html","content":"<p>{\\"id\\":\\"no\\"}</p>"},
                 "toRecipients":[{"emailAddress":{"address":"ada@example.com","name":"Ada"}}],
                 "singleValueExtendedProperties":[{"id":"String x","value":"y"}],
                 "internetMessageId":"<abc@example.com>","isDraft":true}
                """;

        var draft = DraftJson.created(new ByteArrayInputStream(answer.getBytes(StandardCharsets.UTF_8)));

        assertThat(draft).isEqualTo(new GraphDrafts.Draft("AAMkAD=", "<abc@example.com>"));
    }

    @Test
    void readsAnAnswerWithoutAnInternetMessageId() {
        var draft = DraftJson.created(new ByteArrayInputStream(
                "{\"id\":\"AAMkAD=\",\"internetMessageId\":null}".getBytes(StandardCharsets.UTF_8)));

        assertThat(draft).isEqualTo(new GraphDrafts.Draft("AAMkAD=", null));
    }

    private static void assertSameAsSdk(SendMailCommand command, boolean withAttachments) {
        JsonNode raw = JSON.readTree(DraftJson.of(command, withAttachments));
        JsonNode sdk = JSON.readTree(SdkDrafts.json(SdkDrafts.draftOf(command, withAttachments)));
        assertThat(raw).isEqualTo(sdk);
    }

    private static SendMailCommand command(
            List<String> to,
            List<String> cc,
            List<String> bcc,
            List<String> replyTo,
            List<MailAttachment> attachments,
            String importance,
            Map<String, String> headers,
            int resubmission) {
        return new SendMailCommand(
                UUID.randomUUID(),
                "account",
                to,
                cc,
                bcc,
                "Hello \"there\" — ünïcode",
                new MailBody(MailBody.ContentType.HTML, "<p>Hello</p>\n<script>\"x\"</script>"),
                replyTo,
                attachments,
                Instant.now(),
                UUID.randomUUID(),
                resubmission,
                List.of(),
                null,
                importance,
                headers,
                true,
                null);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
