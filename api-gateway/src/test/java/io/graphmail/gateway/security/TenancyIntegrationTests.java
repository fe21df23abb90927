package io.graphmail.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.gateway.AliceAndBob;
import io.graphmail.gateway.Api;
import io.graphmail.gateway.GatewayAloneTests;
import io.graphmail.testsupport.TestAccounts;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Two clients with the same scopes: alice creates one of every object, then bob tries every documented operation on
 * them. He hears 404 (or 403), never learns they exist and changes nothing; alice, as a control, sees each of them
 * under the same ids.
 */
@AliceAndBob
class TenancyIntegrationTests extends GatewayAloneTests {

    /** Operations that act on the caller's own objects or lists: bob may call them, but sees nothing of alice's. */
    private static final Set<String> OWN_OBJECTS_ONLY = Set.of(
            "POST /api/v1/attachments",
            "POST /api/v1/accounts",
            "GET /api/v1/accounts",
            "POST /api/v1/mail/dead-letters/replay",
            "POST /api/v1/webhooks",
            "GET /api/v1/webhooks",
            "GET /api/v1/suppressions",
            "POST /api/v1/suppressions",
            "GET /api/v1/emails/health");

    @Test
    void anotherClientCanNeitherSeeNorTouchAnythingOfAClient() {
        var alice = new Api(port, "alice-key");
        var bob = new Api(port, "bob-key");
        var objects = aliceCreatesOneOfEverything(alice);
        long mailBefore = count("mail");

        List<String> failures = new ArrayList<>();
        for (var operation : DocumentedOperations.of(api)) {
            String path = objects.fill(operation.path());
            String body = objects.bodyFor(operation.toString());
            var answer = bob.send(operation.method(), path, body);
            boolean ownOnly = OWN_OBJECTS_ONLY.contains(operation.toString());
            boolean refused = answer.status() == 404 || answer.status() == 403;
            boolean leaks = objects.ids().stream()
                    .anyMatch(id -> answer.body() != null
                            && answer.body().contains(id)
                            && !path.contains(id)
                            && !body.contains(id));
            if ((ownOnly ? answer.status() >= 500 : !refused) || leaks) {
                failures.add("%s as bob: %d %s".formatted(operation, answer.status(), answer.body()));
            }
        }

        assertThat(failures).isEmpty();
        assertThat(mongo.getCollection("mail").countDocuments(new Document("client", "bob")))
                .isZero();
        assertThat(count("mail")).isEqualTo(mailBefore);
        assertThat(alice.get("/api/v1/mail/" + objects.mail()).text("status")).isEqualTo("SCHEDULED");
        assertThat(alice.get("/api/v1/mail/" + objects.deadLetter()).text("status"))
                .isEqualTo("DEAD_LETTERED");
        assertThat(alice.get("/api/v1/mail/batches/" + objects.batch()).text("state"))
                .isEqualTo("SCHEDULED");
        assertThat(alice.get("/api/v1/accounts/" + objects.account()).status()).isEqualTo(200);
        assertThat(alice.get("/api/v1/attachments/" + objects.upload()).status())
                .isEqualTo(200);
        assertThat(alice.get("/api/v1/messages/" + objects.message()).status()).isEqualTo(200);
        assertThat(alice.get("/api/v1/webhooks/" + objects.webhook())
                        .json()
                        .get("enabled")
                        .asBoolean())
                .isFalse();
        assertThat(alice.get("/api/v1/webhooks/" + objects.webhook() + "/deliveries")
                        .json()
                        .get("items"))
                .hasSize(1);
        assertThat(alice.get("/api/v1/suppressions?limit=200").body()).contains(objects.suppressed());
        assertThat(alice.get("/api/v1/accounts/" + objects.account() + "/messages")
                        .json()
                        .get("items"))
                .hasSize(1);
        assertThat(alice.get("/api/v1/mail/batches/" + objects.batch() + "/messages")
                        .json()
                        .get("items"))
                .hasSize(2);
    }

    @Test
    void anotherClientsUploadCannotBeSentByReference() {
        var alice = new Api(port, "alice-key");
        var bob = new Api(port, "bob-key");
        String upload = upload(alice, "contract.pdf");
        String bobsAccount = "bob-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(bob.post(
                                "/api/v1/accounts",
                                TestAccounts.applicationAccountJson(bobsAccount, bobsAccount + "@x.example"))
                        .status())
                .isEqualTo(201);

        var answer = bob.post("/api/v1/mail", """
                {"accountId":"%s","to":["ada@example.com"],"subject":"Hi","body":{"contentType":"text","content":"x"},
                 "attachmentIds":["%s"]}""".formatted(bobsAccount, upload));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.text("type")).isEqualTo("https://graphmail.io/problems/attachment-not-found");
    }

    @Test
    void aClientGrantedAnAccountMayUseItWithoutOwningIt() {
        var alice = new Api(port, "alice-key");
        String account = "shared-" + UUID.randomUUID().toString().substring(0, 8);
        mongo.getCollection("accounts").insertOne(TestAccounts.applicationAccount(account, account + "@x.example"));

        assertThat(alice.get("/api/v1/accounts/" + account).status())
                .as("an account registered by the operator is nobody's until granted")
                .isEqualTo(404);
        assertThat(new Api(port, API_KEY).get("/api/v1/accounts/" + account).status())
                .as("admins see every account")
                .isEqualTo(200);
    }

    private Objects aliceCreatesOneOfEverything(Api alice) {
        String account = "alice-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(alice.post("/api/v1/accounts", TestAccounts.applicationAccountJson(account, account + "@x.example"))
                        .status())
                .isEqualTo(201);
        String upload = upload(alice, "report.pdf");
        String later = Instant.now().plusSeconds(3600).toString();
        var mail = alice.post("/api/v1/mail", """
                {"accountId":"%s","to":["ada@example.com"],"subject":"Hi","body":{"contentType":"text","content":"x"},
                 "attachmentIds":["%s"],"sendAt":"%s"}""".formatted(account, upload, later));
        assertThat(mail.status()).isEqualTo(202);
        var batch = alice.post("/api/v1/mail/batches", """
                {"accountId":"%s","sendAt":"%s","messages":[
                  {"to":["a@example.com"],"subject":"1","body":{"contentType":"text","content":"x"}},
                  {"to":["b@example.com"],"subject":"2","body":{"contentType":"text","content":"x"}}]}""".formatted(account, later));
        assertThat(batch.status()).isEqualTo(202);
        String deadLetter = UUID.randomUUID().toString();
        mongo.getCollection("mail")
                .insertOne(new Document("_id", deadLetter)
                        .append("accountId", account)
                        .append("status", "DEAD_LETTERED")
                        .append("attempts", 3)
                        .append("lastError", "RETRIES_EXHAUSTED: test")
                        .append("acceptedAt", new Date())
                        .append("pendingPublish", false)
                        .append("outbox", """
                                {"commandId":"%s","accountId":"%s","to":["ada@example.com"],"subject":"Dead",
                                 "body":{"contentType":"TEXT","content":"x"},"submittedAt":"2026-01-01T00:00:00Z"}""".formatted(deadLetter, account))
                        .append("client", "alice"));
        String message = insertSyncedMessage(account, "graph-" + UUID.randomUUID());
        String suppressed = "suppressed-" + UUID.randomUUID() + "@example.com";
        assertThat(alice.post("/api/v1/suppressions", "{\"address\":\"" + suppressed + "\"}")
                        .status())
                .isEqualTo(201);
        var webhook = alice.post("/api/v1/webhooks", """
                {"url":"http://127.0.0.1:9/hooks","events":["*"],"enabled":false}""");
        assertThat(webhook.status()).isEqualTo(201);
        String delivery = "dlv_" + UUID.randomUUID().toString().replace("-", "");
        mongo.getCollection("webhook_deliveries")
                .insertOne(new Document("_id", delivery)
                        .append("webhookId", webhook.text("id"))
                        .append("client", "alice")
                        .append("eventId", "msg_alice")
                        .append("eventType", "mail.sent")
                        .append("payload", "{}")
                        .append("status", "DELIVERED")
                        .append("attempts", 1)
                        .append("createdAt", new Date()));
        return new Objects(
                account,
                upload,
                mail.text("id"),
                batch.text("id"),
                deadLetter,
                message,
                webhook.text("id"),
                delivery,
                suppressed);
    }

    private String upload(Api client, String name) {
        var response = client.postBody(
                "/api/v1/attachments?name=" + name,
                HttpRequest.BodyPublishers.ofByteArray("%PDF-1.4 alice".getBytes()),
                "Content-Type",
                "application/pdf");
        assertThat(response.status()).isEqualTo(201);
        return response.text("id");
    }

    record Objects(
            String account,
            String upload,
            String mail,
            String batch,
            String deadLetter,
            String message,
            String webhook,
            String delivery,
            String suppressed) {

        List<String> ids() {
            return List.of(account, upload, mail, batch, deadLetter, message, webhook, delivery, suppressed);
        }

        String fill(String template) {
            String id;
            if (template.startsWith("/api/v1/mail/batches/")) {
                id = batch;
            } else if (template.endsWith("/retry")) {
                id = deadLetter;
            } else if (template.startsWith("/api/v1/mail/")) {
                id = mail;
            } else if (template.startsWith("/api/v1/attachments/")) {
                id = upload;
            } else if (template.startsWith("/api/v1/accounts/")) {
                id = account;
            } else if (template.startsWith("/api/v1/messages/")) {
                id = message;
            } else if (template.startsWith("/api/v1/webhooks/")) {
                return template.replace("{deliveryId}", delivery).replaceAll("\\{[^}]+}", webhook);
            } else if (template.startsWith("/api/v1/suppressions/")) {
                id = suppressed;
            } else if (template.startsWith("/api/v1/keys/")) {
                id = "00000000-0000-0000-0000-000000000000";
            } else {
                assertThat(template)
                        .as("a path with ids needs an object of alice's here")
                        .doesNotContain("{");
                return template;
            }
            return template.replace("{attachmentId}", "attachment-1").replaceAll("\\{[^}]+}", id);
        }

        /** Bodies that name alice's objects where an operation takes them. */
        String bodyFor(String operation) {
            String message = """
                    {"to":["x@example.com"],"subject":"Hi","body":{"contentType":"text","content":"x"},
                     "attachmentIds":["%s"]}""".formatted(upload);
            return switch (operation) {
                case "POST /api/v1/mail" -> message.replaceFirst("\\{", "{\"accountId\":\"" + account + "\",");
                case "POST /api/v1/mail/batches" ->
                    "{\"accountId\":\"" + account + "\",\"messages\":[" + message + "]}";
                case "POST /api/v1/accounts" ->
                    TestAccounts.applicationAccountJson(
                            "bob-" + UUID.randomUUID().toString().substring(0, 8), "bob@x.example");
                case "POST /api/v1/emails/send" -> """
                        {"recipients":["x@example.com"],"subject":"Hi","body":"x"}""";
                case "POST /api/v1/accounts/{id}/sync" -> "{}";
                case "POST /api/v1/webhooks" -> """
                        {"url":"http://127.0.0.1:9/bob","events":["*"],"enabled":false}""";
                case "PATCH /api/v1/webhooks/{id}" -> "{\"enabled\":true}";
                default -> "{}";
            };
        }
    }
}
