package io.graphmail.gateway.batches;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.gateway.Api;
import io.graphmail.gateway.GatewayAloneTests;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Batch templates at the edges of Mustache's syntax and of the single-send limits: each is either accepted (202) or
 * refused at submission with a 400 problem naming what is wrong, never a 5xx, so nothing that can never be sent is
 * queued. The batches are scheduled for later, so none is sent.
 */
class TemplateEdgeCasesIntegrationTests extends GatewayAloneTests {

    private static final String RECIPIENT = "{\"to\":[\"a@example.com\"],\"variables\":%s}";

    @Test
    void templatesThatCannotBeRenderedAreRefusedNamingWhatIsWrong() {
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("null subject", template("null", "\"x\"", "{}"));
        refused.put("missing subject", """
                {"accountId":"%s","sendAt":"2099-01-01T00:00:00Z","template":{"text":"x"},"recipients":[%s]}""".formatted(accountId, RECIPIENT.formatted("{}")));
        refused.put("blank subject", template("\"  \"", "\"x\"", "{}"));
        refused.put("subject not a string", template("{\"a\":1}", "\"x\"", "{}"));
        refused.put("partial", template("\"Hi\"", "\"{{>part}}\"", "{}"));
        refused.put("partial after space", template("\"Hi\"", "\"{{ >part}}\"", "{}"));
        refused.put("partial after newline", template("\"Hi\"", "\"{{\\n>part}}\"", "{}"));
        refused.put("partial in subject", template("\"{{>part}}\"", "\"x\"", "{}"));
        refused.put("unterminated partial", template("\"Hi\"", "\"{{>\"", "{}"));
        refused.put("parent", template("\"Hi\"", "\"{{<parent}}{{/parent}}\"", "{}"));
        refused.put("block", template("\"Hi\"", "\"{{$block}}x{{/block}}\"", "{}"));
        refused.put("delimiters", template("\"Hi\"", "\"{{=<% %>=}}<%x%>\"", "{\"x\":1}"));
        refused.put("delimiters after space", template("\"Hi\"", "\"{{ =<% %>=}}<%x%>\"", "{\"x\":1}"));
        refused.put("tag split by a newline", template("\"Hi\"", "\"{{na\\nme}}\"", "{\"name\":\"Ada\"}"));
        refused.put("section split by a newline", template("\"Hi\"", "\"{{#li\\nst}}x{{/list}}\"", "{\"list\":[1]}"));
        refused.put("unclosed section", template("\"Hi\"", "\"{{#list}}x\"", "{\"list\":[1]}"));
        refused.put("unopened section", template("\"Hi\"", "\"x{{/list}}\"", "{}"));
        refused.put("mismatched sections", template("\"Hi\"", "\"{{#a}}{{#b}}{{/a}}{{/b}}\"", "{\"a\":1,\"b\":1}"));
        refused.put("unterminated tag", template("\"Hi\"", "\"{{name\"", "{\"name\":\"Ada\"}"));
        refused.put("unterminated triple", template("\"Hi\"", "\"{{{name}}\"", "{\"name\":\"Ada\"}"));
        refused.put("empty tag", template("\"Hi\"", "\"{{}}\"", "{}"));
        for (String empty : List.of("{{ }}", "{{\\n}}", "{{#}}{{/}}", "{{^}}", "{{&}}", "{{{}}}", "{{{ }}}", "{{/}}")) {
            refused.put("empty tag " + empty, template("\"Hi\"", "\"" + empty + "\"", "{}"));
        }
        refused.put("unterminated tag at the end", template("\"Hi\"", "\"x{{\"", "{}"));
        refused.put("missing variable", template("\"Hi {{name}}\"", "\"x\"", "{}"));
        refused.put("null variable", template("\"Hi {{name}}\"", "\"x\"", "{\"name\":null}"));
        refused.put(
                "sections too deep",
                template("\"Hi\"", "\"" + "{{#a}}".repeat(20) + "{{/a}}".repeat(20) + "\"", "{\"a\":true}"));
        refused.put(
                "subject over 255 when rendered",
                template("\"{{s}}{{s}}\"", "\"x\"", "{\"s\":\"" + "s".repeat(200) + "\"}"));
        refused.put(
                "subject over 255 by a section",
                template("\"{{#l}}ssss{{/l}}\"", "\"x\"", "{\"l\":" + list(100) + "}"));
        refused.put(
                "body over the single-send limit",
                template("\"Hi\"", "\"{{#l}}" + "b".repeat(10_000) + "{{/l}}\"", "{\"l\":" + list(101) + "}"));
        refused.put("neither html nor text", template("\"Hi\"", null, "{}"));

        Map<String, String> accepted = new LinkedHashMap<>();
        accepted.put("empty comment", template("\"Hi\"", "\"{{!}}x\"", "{}"));
        accepted.put("braces that are no tag", template("\"Hi { } }}\"", "\"a { b } c }}\"", "{}"));
        accepted.put("comment", template("\"Hi\"", "\"{{! a comment }}x\"", "{}"));
        accepted.put("unescaped", template("\"Hi {{&name}}\"", "\"{{{name}}}\"", "{\"name\":\"<b>\"}"));
        accepted.put(
                "nested values",
                template("\"Hi {{a.b}}\"", "\"{{#l}}{{.}}{{/l}}\"", "{\"a\":{\"b\":\"c\"},\"l\":[1,\"2\",true]}"));
        accepted.put("section over a map", template("\"Hi\"", "\"{{#a}}{{b}}{{/a}}\"", "{\"a\":{\"b\":\"c\"}}"));
        accepted.put("inverted section", template("\"Hi\"", "\"{{^l}}none{{/l}}\"", "{\"l\":[]}"));
        accepted.put("numbers and booleans", template("\"{{n}} {{t}}\"", "\"x\"", "{\"n\":1.5,\"t\":false}"));
        accepted.put("standalone lines", template("\"Hi\"", "\"{{#l}}\\n{{.}}\\n{{/l}}\\n\"", "{\"l\":[1,2]}"));

        List<String> failures = new ArrayList<>();
        refused.forEach((name, body) -> {
            var response = api.post("/api/v1/mail/batches", body);
            if (response.status() != 400 || !isProblem(response)) {
                failures.add(name + ": " + response.status() + " " + response.body());
            }
        });
        accepted.forEach((name, body) -> {
            var response = api.post("/api/v1/mail/batches", body);
            if (response.status() != 202) {
                failures.add(name + ": " + response.status() + " " + response.body());
            }
        });

        assertThat(failures).isEmpty();
    }

    @Test
    void attachmentsThatAreNotBase64AreRefusedAtSubmission() {
        List<String> failures = new ArrayList<>();
        for (String content : List.of("not base64!", "a", "aGVs\nbG8=", "aGVsbG8===", "=aGVsbG8", "aGVsbG8=\u00e9")) {
            String attachment = "{\"name\":\"a.txt\",\"contentType\":\"text/plain\",\"contentBase64\":\"%s\"}"
                    .formatted(content.replace("\n", "\\n"));
            String single = """
                    {"accountId":"%s","to":["a@example.com"],"subject":"Hi","body":{"contentType":"text","content":"x"},
                     "sendAt":"2099-01-01T00:00:00Z","attachments":[%s]}""".formatted(accountId, attachment);
            String legacy = """
                    {"recipients":["a@example.com"],"subject":"Hi","body":"x","attachments":[%s]}""".formatted(attachment);
            for (var request : Map.of("/api/v1/mail", single, "/api/v1/emails/send", legacy)
                    .entrySet()) {
                var response = api.post(request.getKey(), request.getValue());
                if (response.status() != 400
                        || !isProblem(response)
                        || !response.body().contains("contentBase64")) {
                    failures.add(request.getKey() + " " + content + ": " + response.status() + " " + response.body());
                }
            }
        }
        var padded = api.post("/api/v1/mail", """
                {"accountId":"%s","to":["a@example.com"],"subject":"Hi","body":{"contentType":"text","content":"x"},
                 "sendAt":"2099-01-01T00:00:00Z",
                 "attachments":[{"name":"a.txt","contentType":"text/plain","contentBase64":"aGVsbG8="}]}""".formatted(accountId));

        assertThat(failures).isEmpty();
        assertThat(padded.status()).isEqualTo(202);
    }

    private String template(String subject, String text, String variables) {
        String template = text == null
                ? "{\"subject\":%s}".formatted(subject)
                : "{\"subject\":%s,\"text\":%s}".formatted(subject, text);
        return """
                {"accountId":"%s","sendAt":"2099-01-01T00:00:00Z","template":%s,"recipients":[%s]}""".formatted(accountId, template, RECIPIENT.formatted(variables));
    }

    private static String list(int size) {
        return "[" + String.join(",", Collections.nCopies(size, "1")) + "]";
    }

    private static boolean isProblem(Api.Response response) {
        return String.valueOf(response.header("Content-Type")).startsWith("application/problem+json");
    }
}
