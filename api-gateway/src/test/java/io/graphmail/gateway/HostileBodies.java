package io.graphmail.gateway;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Request bodies meant to exhaust a gateway, each with where it goes. Shared by the tests that fire them at a gateway
 * in the test's JVM and at one running alone with a small heap.
 */
public final class HostileBodies {

    private HostileBodies() {}

    /** One hostile request: a path, a body and whether it is sent chunked (no Content-Length). */
    public record Hostile(String name, String path, HttpRequest.BodyPublisher body) {}

    public static List<Hostile> all(String accountId) {
        return List.of(
                new Hostile("template bomb", "/api/v1/mail/batches", json(templateBomb(accountId))),
                new Hostile("50 MB streamed batch", "/api/v1/mail/batches", streamed(50L * 1024 * 1024)),
                new Hostile("50 MB streamed send", "/api/v1/mail", streamed(50L * 1024 * 1024)),
                new Hostile("10,001 recipients", "/api/v1/mail/batches", json(recipients(accountId, 10_001))),
                new Hostile("10,001 messages", "/api/v1/mail/batches", json(messages(accountId, 10_001))),
                new Hostile("deep nesting", "/api/v1/mail/batches", json(deepNesting(accountId, 100_000))),
                new Hostile("huge number", "/api/v1/mail/batches", json(hugeNumber(accountId))),
                new Hostile("huge exponent", "/api/v1/mail", json(hugeExponent(accountId))));
    }

    /** 106 characters of template that would render 10^8 times ten characters for each recipient. */
    public static String templateBomb(String accountId) {
        String bomb = "{{#a}}".repeat(8) + "xxxxxxxxxx" + "{{/a}}".repeat(8);
        String recipients = IntStream.range(0, 100)
                .mapToObj(
                        i -> "{\"to\":[\"r%d@example.com\"],\"variables\":{\"a\":[1,2,3,4,5,6,7,8,9,10]}}".formatted(i))
                .collect(Collectors.joining(","));
        return """
                {"accountId":"%s","template":{"subject":"Hi","html":"%s"},"recipients":[%s]}""".formatted(accountId, bomb, recipients);
    }

    public static String recipients(String accountId, int count) {
        String list = IntStream.range(0, count)
                .mapToObj(i -> "{\"to\":[\"r%d@example.com\"]}".formatted(i))
                .collect(Collectors.joining(","));
        return """
                {"accountId":"%s","template":{"subject":"Hi","text":"x"},"recipients":[%s]}""".formatted(accountId, list);
    }

    public static String messages(String accountId, int count) {
        String list = IntStream.range(0, count)
                .mapToObj(i ->
                        "{\"to\":[\"r%d@example.com\"],\"subject\":\"s\",\"body\":{\"contentType\":\"text\",\"content\":\"x\"}}"
                                .formatted(i))
                .collect(Collectors.joining(","));
        return """
                {"accountId":"%s","messages":[%s]}""".formatted(accountId, list);
    }

    /** A recipient's variables nested {@code depth} arrays deep. */
    public static String deepNesting(String accountId, int depth) {
        return """
                {"accountId":"%s","template":{"subject":"Hi","text":"x"},"recipients":[{"to":["r@example.com"],"variables":{"a":%s%s}}]}""".formatted(accountId, "[".repeat(depth), "]".repeat(depth));
    }

    public static String hugeNumber(String accountId) {
        return """
                {"accountId":"%s","template":{"subject":"Hi","text":"{{n}}"},"recipients":[{"to":["r@example.com"],"variables":{"n":%s}}]}""".formatted(accountId, "9".repeat(1_000_000));
    }

    /** A send time of 10^1000000000 seconds: a short number whose value is vast. */
    public static String hugeExponent(String accountId) {
        return """
                {"accountId":"%s","to":["r@example.com"],"subject":"Hi","body":{"contentType":"text","content":"x"},"sendAt":1e1000000000}""".formatted(accountId);
    }

    private static HttpRequest.BodyPublisher json(String body) {
        return HttpRequest.BodyPublishers.ofString(body);
    }

    /** {@code bytes} of a JSON object with one long string, generated as it is sent, with no Content-Length. */
    public static HttpRequest.BodyPublisher streamed(long bytes) {
        byte[] start = "{\"subject\":\"".getBytes(StandardCharsets.US_ASCII);
        return HttpRequest.BodyPublishers.ofInputStream(() -> new InputStream() {
            long sent;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0];
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (sent >= bytes) {
                    return -1;
                }
                int n = (int) Math.min(length, bytes - sent);
                for (int i = 0; i < n; i++) {
                    long at = sent + i;
                    buffer[offset + i] = at < start.length ? start[(int) at] : (byte) 'x';
                }
                sent += n;
                return n;
            }
        });
    }
}
