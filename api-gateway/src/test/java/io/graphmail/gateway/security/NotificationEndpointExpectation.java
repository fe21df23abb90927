package io.graphmail.gateway.security;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.util.unit.DataSize;

/**
 * What {@code POST /notifications/graph} must do under every spelling of its path, with no credentials (Graph sends
 * none): either the request is refused before any handler (400 or 401 problem, as the API refuses what it cannot
 * authenticate, or 413 from the gateway-wide body limit), or it reaches the notification handler, whose first
 * steps are the rate limit and the size limit, and gets exactly the endpoint's contract: the validation handshake
 * echoes only a validation token, a body over the size limit is refused unread (413, by the gateway-wide limit or
 * its own, whichever is lower), a notification is taken (202) and trusted only once verified. The one
 * chain that lets an unauthenticated request through to a handler is the notification endpoint's own; so a spelling
 * that reaches the handler came through it, and one that does not cannot have skipped its limits. Every other method
 * is refused like any API path. The spelling as written must reach the handler, so the test cannot pass with a
 * broken endpoint.
 */
final class NotificationEndpointExpectation {

    private static final String PATH = "/notifications/graph";
    private static final String HANDLER = "-> notified";
    private static final String FORGED =
            "{\"value\":[{\"subscriptionId\":\"no-such-subscription\",\"clientState\":\"x\"}]}";

    private NotificationEndpointExpectation() {}

    static List<String> failures(UndocumentedEndpoints.Probe probe) {
        long max = Binder.get(probe.environment())
                .bind("graphmail.notifications.max-body-size", DataSize.class)
                .orElse(DataSize.ofMegabytes(1))
                .toBytes();
        byte[] oversized = new byte[(int) max + 1];
        Arrays.fill(oversized, (byte) ' ');
        List<String> failures = new ArrayList<>();
        int token = 0;
        for (var spelling : PathSpellings.of(PATH).entrySet()) {
            String target = spelling.getValue();
            String validationToken = "probe-" + token++;
            String separator = target.contains("?") ? "&" : "?";
            expect(
                    probe,
                    failures,
                    spelling.getKey(),
                    target + separator + "validationToken=" + validationToken,
                    null,
                    200,
                    validationToken);
            expect(probe, failures, spelling.getKey(), target, oversized, 413, null);
            expect(probe, failures, spelling.getKey(), target, FORGED.getBytes(StandardCharsets.UTF_8), 202, "");
        }
        for (String method : List.of("GET", "PUT", "PATCH", "DELETE")) {
            var answer = RawHttp.exchange(probe.port(), method, PATH, Map.of(), null);
            if (answer.status() != 401) {
                failures.add(method + " " + PATH + ": " + answer.status() + ", expected 401 like any API path");
            }
        }
        return failures;
    }

    /** {@code body}: the exact answer body a reached handler must give, or null for any. */
    private static void expect(
            UndocumentedEndpoints.Probe probe,
            List<String> failures,
            String trick,
            String target,
            byte[] content,
            int status,
            String body) {
        int reachedBefore = reached(probe);
        var answer =
                RawHttp.exchangeRaw(probe.port(), "POST", target, Map.of("Content-Type", "application/json"), content);
        boolean reached = reached(probe) > reachedBefore;
        String what = "POST " + target.substring(0, Math.min(target.length(), 80)) + " (" + trick + ")";
        if (answer.header("Set-Cookie") != null) {
            failures.add(what + ": set a cookie");
        }
        if (!reached) {
            boolean problem = String.valueOf(answer.header("Content-Type")).startsWith("application/problem+json");
            boolean refused = answer.status() == 400 || answer.status() == 401 || answer.status() == 413;
            if (!refused || !problem) {
                failures.add(what + ": refused before the handler with " + answer.status() + " "
                        + answer.header("Content-Type") + ", expected a 400, 401 or 413 problem");
            } else if (trick.equals("as documented") && status != 413) {
                failures.add(what + ": never reached the notification handler");
            }
            return;
        }
        // 429: the handler's rate limit, which comes first, turned it away; that is the limit at work too.
        if (answer.status() == 429) {
            return;
        }
        if (answer.status() != status || (body != null && !body.equals(answer.body()))) {
            failures.add(what + ": " + answer.status() + " '" + abbreviated(answer.body()) + "', expected " + status
                    + (body == null ? "" : " '" + body + "'"));
        }
    }

    private static int reached(UndocumentedEndpoints.Probe probe) {
        return (int) probe.invocations().reached().stream()
                .filter(invocation -> invocation.endsWith(HANDLER))
                .count();
    }

    private static String abbreviated(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }
}
