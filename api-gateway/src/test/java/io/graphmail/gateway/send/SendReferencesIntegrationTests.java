package io.graphmail.gateway.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.graphmail.contract.send.AttachmentReference;
import io.graphmail.contract.send.MailReply;
import io.graphmail.contract.send.SendMailCommand;
import io.graphmail.gateway.Api;
import io.graphmail.gateway.GatewayAloneTests;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends naming uploads ({@code attachmentIds}) and answered messages ({@code inReplyTo}): resolved into
 * the command when accepted, refused with nothing recorded when they do not resolve. Accepted sends are
 * scheduled far ahead, so none is published.
 */
class SendReferencesIntegrationTests extends GatewayAloneTests {

    static final String LATER = Instant.now().plusSeconds(86_400).toString();

    @Autowired
    JsonMapper jsonMapper;

    @Test
    void resolvesUploadsReplyAndContentOptionsIntoTheRecordedCommand() {
        byte[] content = "the report".getBytes(StandardCharsets.UTF_8);
        String uploadId = upload("report.pdf", content);
        String answered = insertSyncedMessage(accountId, "AAMk-question");

        var response = api.post("/api/v1/mail", """
                {"accountId":"%s","subject":"Re: Question","body":{"contentType":"text","content":"Answer"},
                 "attachmentIds":["%s"],"inReplyTo":{"messageId":"%s","replyAll":true},"importance":"HIGH",
                 "headers":{"x-order-id":"4711","X-Campaign":"spring"},"saveToSentItems":false,"sendAt":"%s"}""".formatted(accountId, uploadId, answered, LATER));

        assertThat(response.status()).isEqualTo(202);
        SendMailCommand command = recordedCommand(response.text("id"));
        assertThat(command.to()).isEmpty();
        assertThat(command.storedAttachments())
                .containsExactly(new AttachmentReference(
                        uploadId, "report.pdf", "application/pdf", content.length, sha256(content)));
        assertThat(command.reply()).isEqualTo(new MailReply(answered, "AAMk-question", true));
        assertThat(command.importance()).isEqualTo("high");
        assertThat(command.headers()).isEqualTo(Map.of("x-order-id", "4711", "X-Campaign", "spring"));
        assertThat(command.saveToSentItems()).isFalse();
    }

    @Test
    void keepsTheDefaultsOfAPlainMessage() {
        var response = api.post("/api/v1/mail", """
                {"accountId":"%s","to":["ada@example.com"],"subject":"Plain","body":{"contentType":"html","content":"x"},
                 "sendAt":"%s"}""".formatted(accountId, LATER));

        SendMailCommand command = recordedCommand(response.text("id"));
        assertThat(command.storedAttachments()).isEmpty();
        assertThat(command.reply()).isNull();
        assertThat(command.importance()).isNull();
        assertThat(command.headers()).isEmpty();
        assertThat(command.keepsSentCopy()).isTrue();
    }

    @Test
    void refusesAnUnknownUploadNamingItAndRecordsNothing() {
        String known = upload("known.pdf", new byte[] {1, 2, 3});
        String unknown = new ObjectId().toHexString();
        long mail = count("mail");

        var response = sendNaming(List.of(known, unknown), "");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.text("type")).isEqualTo("https://graphmail.io/problems/attachment-not-found");
        assertThat(response.text("detail")).contains(unknown);
        JsonNode error = response.json().get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("attachmentIds[1]");
        assertThat(error.get("message").asString()).contains(unknown);
        assertThat(response.json().get("errors").size()).isEqualTo(1);
        assertThat(count("mail")).isEqualTo(mail);
    }

    @Test
    void refusesABatchWithAnUnknownUploadNamingTheItemAndRecordsNothing() {
        String known = upload("known.pdf", new byte[] {1, 2, 3});
        String unknown = new ObjectId().toHexString();
        long batches = count("batches");
        long mail = count("mail");

        var response = api.post("/api/v1/mail/batches", """
                {"accountId":"%s","messages":[
                  {"to":["a@example.com"],"subject":"0","body":{"contentType":"text","content":"x"},"attachmentIds":["%s"]},
                  {"to":["b@example.com"],"subject":"1","body":{"contentType":"text","content":"x"}},
                  {"to":["c@example.com"],"subject":"2","body":{"contentType":"text","content":"x"},
                   "attachmentIds":["%s","%s"]}]}""".formatted(accountId, known, known, unknown));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.text("type")).isEqualTo("https://graphmail.io/problems/attachment-not-found");
        JsonNode error = response.json().get("errors").get(0);
        assertThat(error.get("index").asInt()).isEqualTo(2);
        assertThat(error.get("field").asString()).isEqualTo("attachmentIds[1]");
        assertThat(error.get("message").asString()).contains(unknown);
        assertThat(count("batches")).isEqualTo(batches);
        assertThat(count("mail")).isEqualTo(mail);
    }

    @Test
    void givesEveryMessageOfATemplateBatchTheSameUploads() {
        byte[] content = "price list".getBytes(StandardCharsets.UTF_8);
        String uploadId = upload("prices.pdf", content);

        var response = api.post("/api/v1/mail/batches", """
                {"accountId":"%s","sendAt":"%s",
                 "template":{"subject":"Prices for {{name}}","text":"Dear {{name}}","attachmentIds":["%s"]},
                 "recipients":[{"to":["a@example.com"],"variables":{"name":"A"}},
                               {"to":["b@example.com"],"variables":{"name":"B"}},
                               {"to":["c@example.com"],"variables":{"name":"C"}}]}""".formatted(accountId, LATER, uploadId));

        assertThat(response.status()).isEqualTo(202);
        List<SendMailCommand> commands = mongo.getCollection("mail")
                .find(new Document("batchId", response.text("id")))
                .map(record -> jsonMapper.readValue(record.getString("outbox"), SendMailCommand.class))
                .into(new ArrayList<>());
        assertThat(commands).hasSize(3);
        var reference =
                new AttachmentReference(uploadId, "prices.pdf", "application/pdf", content.length, sha256(content));
        assertThat(commands)
                .allSatisfy(command -> assertThat(command.storedAttachments()).containsExactly(reference));
    }

    @Test
    void aBatchAskedForWithHighPriorityRecordsItOnEveryMessageUnlessAMessageNamesItsOwn() {
        var response = api.post("/api/v1/mail/batches", """
                {"accountId":"%s","sendAt":"%s","priority":"HIGH","messages":[
                 {"to":["a@example.com"],"subject":"Reset","body":{"contentType":"text","content":"x"}},
                 {"to":["b@example.com"],"subject":"News","body":{"contentType":"text","content":"y"},"priority":"normal"}]}""".formatted(accountId, LATER));

        assertThat(response.status()).isEqualTo(202);
        List<SendMailCommand> commands = mongo.getCollection("mail")
                .find(new Document("batchId", response.text("id")))
                .map(record -> jsonMapper.readValue(record.getString("outbox"), SendMailCommand.class))
                .into(new ArrayList<>());
        assertThat(commands)
                .extracting(SendMailCommand::subject, SendMailCommand::isTransactional)
                .containsExactlyInAnyOrder(tuple("Reset", true), tuple("News", false));
    }

    @Test
    void refusesAnUnknownPriorityNamingTheField() {
        var response = api.post("/api/v1/mail/batches", """
                {"accountId":"%s","priority":"urgent","messages":[
                 {"to":["a@example.com"],"subject":"Hi","body":{"contentType":"text","content":"x"}}]}""".formatted(accountId));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("\"priority\"");
    }

    @Test
    void refusesATemplateBatchWithAnUnknownUploadNamingTheTemplate() {
        long batches = count("batches");

        var response = api.post("/api/v1/mail/batches", """
                {"accountId":"%s","template":{"subject":"Hi","text":"x","attachmentIds":["%s"]},
                 "recipients":[{"to":["a@example.com"]}]}""".formatted(accountId, new ObjectId().toHexString()));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("template.attachmentIds[0]");
        assertThat(count("batches")).isEqualTo(batches);
    }

    @Test
    void refusesABatchItemWithBadHeadersNamingTheItem() {
        var response = api.post("/api/v1/mail/batches", """
                {"accountId":"%s","messages":[
                  {"to":["a@example.com"],"subject":"0","body":{"contentType":"text","content":"x"}},
                  {"to":["b@example.com"],"subject":"1","body":{"contentType":"text","content":"x"},
                   "headers":{"Subject":"spoofed"}}]}""".formatted(accountId));

        assertThat(response.status()).isEqualTo(400);
        JsonNode error = response.json().get("errors").get(0);
        assertThat(error.get("index").asInt()).isEqualTo(1);
        assertThat(error.get("field").asString()).isEqualTo("headers");
    }

    @Test
    void refusesAReplyToAMessageNotInTheSendingMailbox() {
        String elsewhere = insertSyncedMessage("another-account", "AAMk-elsewhere");
        String deleted = insertSyncedMessage(accountId, "AAMk-deleted");
        mongo.getCollection("messages")
                .updateOne(new Document("_id", deleted), new Document("$set", new Document("deletedAt", new Date())));
        long mail = count("mail");

        for (String messageId : List.of("no-such-message", elsewhere, deleted)) {
            var response = api.post("/api/v1/mail", """
                    {"accountId":"%s","subject":"Re","body":{"contentType":"text","content":"x"},
                     "inReplyTo":{"messageId":"%s"}}""".formatted(accountId, messageId));

            assertThat(response.status()).isEqualTo(404);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.text("type")).isEqualTo("https://graphmail.io/problems/message-not-found");
            JsonNode error = response.json().get("errors").get(0);
            assertThat(error.get("field").asString()).isEqualTo("inReplyTo.messageId");
            assertThat(error.get("message").asString()).contains(messageId);
        }
        assertThat(count("mail")).isEqualTo(mail);
    }

    @Test
    void refusesUploadsTotallingMoreThanAMessageTakesWith413() {
        String first = fakeUpload(100L * 1024 * 1024);
        String second = fakeUpload(60L * 1024 * 1024);
        long mail = count("mail");

        var response = sendNaming(List.of(first, second), "");

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.text("type")).isEqualTo("https://graphmail.io/problems/attachments-too-large");
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("attachmentIds");
        assertThat(count("mail")).isEqualTo(mail);
    }

    @Test
    void refusesAMessageOverExchangesDefaultSizeOf35MbWith413() {
        String first = fakeUpload(30L * 1024 * 1024);
        String second = fakeUpload(6L * 1024 * 1024);
        String third = fakeUpload(4L * 1024 * 1024);
        long mail = count("mail");

        var tooLarge = sendNaming(List.of(first, second), "");
        var fits = sendNaming(List.of(first, third), ",\"sendAt\":\"" + LATER + "\"");

        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.header("Content-Type")).startsWith("application/problem+json");
        assertThat(tooLarge.text("type")).isEqualTo("https://graphmail.io/problems/attachments-too-large");
        JsonNode error = tooLarge.json().get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("attachmentIds");
        assertThat(error.get("message").asString()).contains("36700160");
        assertThat(fits.status()).isEqualTo(202);
        assertThat(count("mail")).isEqualTo(mail + 1);
    }

    @Test
    void refusesMoreThan500RecipientsInToCcAndBccTogether() {
        var tooMany = api.post("/api/v1/mail", """
                {"accountId":"%s","to":%s,"cc":%s,"bcc":["z@example.com"],"subject":"x",
                 "body":{"contentType":"text","content":"x"}}""".formatted(accountId, addresses("t", 300), addresses("c", 200)));
        var batch =
                api.post("/api/v1/mail/batches", """
                {"accountId":"%s","template":{"subject":"Hi","text":"Hello"},
                 "recipients":[{"to":["a@example.com"]},{"to":%s,"bcc":%s}]}""".formatted(accountId, addresses("t", 400), addresses("b", 101)));
        var fits = api.post("/api/v1/mail", """
                {"accountId":"%s","to":%s,"cc":%s,"subject":"x","body":{"contentType":"text","content":"x"},
                 "sendAt":"%s"}""".formatted(accountId, addresses("t", 300), addresses("c", 200), LATER));

        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.header("Content-Type")).startsWith("application/problem+json");
        JsonNode error = tooMany.json().get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("to");
        assertThat(error.get("message").asString()).contains("501").contains("500");
        assertThat(batch.status()).isEqualTo(400);
        JsonNode itemError = batch.json().get("errors").get(0);
        assertThat(itemError.get("path").asString()).isEqualTo("recipients[1].to");
        assertThat(itemError.get("field").asString()).isEqualTo("to");
        assertThat(fits.status()).isEqualTo(202);
    }

    /** Posts a plain message naming {@code uploads}; {@code extra} adds members, each led by a comma. */
    private Api.Response sendNaming(List<String> uploads, String extra) {
        String ids = uploads.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(","));
        return api.post("/api/v1/mail", """
                {"accountId":"%s","to":["ada@example.com"],"subject":"x","body":{"contentType":"text","content":"x"},
                 "attachmentIds":[%s]%s}""".formatted(accountId, ids, extra));
    }

    private static String addresses(String prefix, int count) {
        return IntStream.range(0, count)
                .mapToObj(n -> "\"" + prefix + n + "@example.com\"")
                .collect(Collectors.joining(",", "[", "]"));
    }

    /** A large upload's files document alone: resolving a send reads nothing else. */
    private String fakeUpload(long length) {
        ObjectId id = new ObjectId();
        mongo.getCollection("uploads.files")
                .insertOne(new Document("_id", id)
                        .append("length", length)
                        .append("chunkSize", 261_120)
                        .append("uploadDate", new Date())
                        .append("filename", "big.bin")
                        .append(
                                "metadata",
                                new Document("name", "big.bin")
                                        .append("contentType", "application/octet-stream")
                                        .append("size", length)
                                        .append("sha256", "0".repeat(64))
                                        .append("uploadedBy", clientName())
                                        .append("uploadedAt", new Date())));
        return id.toHexString();
    }

    private SendMailCommand recordedCommand(String mailId) {
        Document record =
                mongo.getCollection("mail").find(new Document("_id", mailId)).first();
        assertThat(record).isNotNull();
        assertThat(record.getString("status")).isEqualTo("SCHEDULED");
        return jsonMapper.readValue(record.getString("outbox"), SendMailCommand.class);
    }
}
