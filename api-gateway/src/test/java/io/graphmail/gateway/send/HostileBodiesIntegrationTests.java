package io.graphmail.gateway.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.gateway.Api;
import io.graphmail.gateway.GatewayAloneTests;
import io.graphmail.gateway.HostileBodies;
import java.net.http.HttpRequest;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Bodies meant to exhaust the gateway are refused with a 4xx problem naming what is wrong, and nothing is recorded.
 * Durations are printed, not asserted.
 */
class HostileBodiesIntegrationTests extends GatewayAloneTests {

    @Test
    void refusesEveryHostileBodyWithA4xxProblemAndRecordsNothing() {
        long mail = count("mail");
        long batches = count("batches");
        for (var hostile : HostileBodies.all(accountId)) {
            for (String[] headers : new String[][] {{}, {"Idempotency-Key", "hostile-" + hostile.name()}}) {
                long started = System.nanoTime();
                var response = post(hostile.path(), hostile.body(), headers);
                System.out.printf(
                        "%s%s: %d in %d ms%n",
                        hostile.name(),
                        headers.length > 0 ? " (idempotent)" : "",
                        response.status(),
                        (System.nanoTime() - started) / 1_000_000);

                assertThat(response.status()).as(hostile.name()).isBetween(400, 499);
                assertThat(response.header("Content-Type")).as(hostile.name()).startsWith("application/problem+json");
            }
        }
        assertThat(count("mail")).isEqualTo(mail);
        assertThat(count("batches")).isEqualTo(batches);
    }

    @Test
    void refusesABodyOverItsLimitByContentLengthAndWhileStreaming() {
        byte[] nineMegabytes = new byte[9 * 1024 * 1024];

        var declared = post("/api/v1/mail", HttpRequest.BodyPublishers.ofByteArray(nineMegabytes));
        var streamed = post("/api/v1/mail/batches", HostileBodies.streamed(33L * 1024 * 1024));

        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.text("type")).isEqualTo("https://graphmail.io/problems/request-too-large");
        assertThat(declared.json().get("maxBytes").asLong()).isEqualTo(8L * 1024 * 1024);
        assertThat(streamed.status()).isEqualTo(413);
        assertThat(streamed.json().get("maxBytes").asLong()).isEqualTo(32L * 1024 * 1024);
    }

    @Test
    void theTemplateBombIsRefusedNamingTheRecipientAndField() {
        var response = api.post("/api/v1/mail/batches", HostileBodies.templateBomb(accountId));

        assertThat(response.status()).isEqualTo(400);
        JsonNode error = response.json().get("errors").get(0);
        assertThat(error.get("index").asInt()).isZero();
        assertThat(error.get("path").asString()).isEqualTo("recipients[0].body");
    }

    @Test
    void tooManyItemsAreRefusedNamingTheList() {
        var recipients = api.post("/api/v1/mail/batches", HostileBodies.recipients(accountId, 10_001));
        var messages = api.post("/api/v1/mail/batches", HostileBodies.messages(accountId, 10_001));

        assertThat(recipients.status()).isEqualTo(400);
        assertThat(recipients.json().get("errors").get(0).get("field").asString())
                .isEqualTo("recipients");
        assertThat(messages.status()).isEqualTo(400);
        assertThat(messages.json().get("errors").get(0).get("field").asString()).isEqualTo("messages");
    }

    @Test
    void deepNestingAndHugeNumbersAreMalformedRequests() {
        for (String body : new String[] {
            HostileBodies.deepNesting(accountId, 100_000),
            HostileBodies.hugeNumber(accountId),
            HostileBodies.hugeExponent(accountId)
        }) {
            var response = api.post(body.contains("\"messages\"") ? "/api/v1/mail/batches" : pathOf(body), body);

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.text("type")).isEqualTo("https://graphmail.io/problems/malformed-request");
        }
    }

    @Test
    void batchItemsObeyTheInlineAttachmentLimitOfASingleSend() {
        String attachment =
                "{\"name\":\"big.bin\",\"contentType\":\"application/octet-stream\",\"contentBase64\":\"%s\"}"
                        .formatted(Base64.getEncoder().encodeToString(new byte[3 * 1024 * 1024 + 1]));
        String ok =
                "{\"to\":[\"a@example.com\"],\"subject\":\"s\",\"body\":{\"contentType\":\"text\",\"content\":\"x\"}}";
        String big = ok.replace("}}", "},\"attachments\":[" + attachment + "]}");

        var response = api.post("/api/v1/mail/batches", """
                {"accountId":"%s","messages":[%s,%s]}""".formatted(accountId, ok, big));

        assertThat(response.status()).isEqualTo(400);
        JsonNode error = response.json().get("errors").get(0);
        assertThat(error.get("index").asInt()).isEqualTo(1);
        assertThat(error.get("field").asString()).isEqualTo("attachments");
    }

    @Test
    void theOriginalSendEndpointObeysTheInlineAttachmentLimit() {
        String content = Base64.getEncoder().encodeToString(new byte[3 * 1024 * 1024 + 1]);

        var response = api.post("/api/v1/emails/send", """
                {"recipients":["a@example.com"],"subject":"s","body":"<p>x</p>",
                 "attachments":[{"filename":"big.bin","content_type":"application/octet-stream","content":"%s"}]}""".formatted(content));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("attachments");
    }

    @Test
    void aTemplateWithAPartialIsRefusedNamingTheTemplate() {
        var response = api.post("/api/v1/mail/batches", """
                {"accountId":"%s","template":{"subject":"Hi","text":"{{>/etc/passwd}}"},"recipients":[{"to":["a@example.com"]}]}""".formatted(accountId));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("template");
    }

    private static String pathOf(String body) {
        return body.contains("\"template\"") ? "/api/v1/mail/batches" : "/api/v1/mail";
    }

    private Api.Response post(String path, HttpRequest.BodyPublisher body, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Content-Type";
        all[1] = "application/json";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return api.postBody(path, body, all);
    }
}
