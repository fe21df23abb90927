package io.graphmail.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.gateway.GatewayAloneTests;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * Every operation the API documents, under every spelling of its path, without a key: nothing reaches a
 * controller, nothing is stored, and the answer is a 400 or 401 problem. The operations come from
 * {@code /v3/api-docs}, so an endpoint added later is covered without anyone listing it here.
 */
@Import(HandlerInvocations.class)
class PathSpellingSecurityIntegrationTests extends GatewayAloneTests {

    private static final String MAIL = """
            {"accountId":"default","to":["ada@example.com"],"subject":"Hi","body":{"contentType":"text","content":"x"}}""";

    @Autowired
    HandlerInvocations invocations;

    @Test
    void noSpellingOfAnyDocumentedOperationGetsInWithoutAKey() {
        Map<String, Long> before = storedCounts();
        invocations.clear();
        List<String> failures = new ArrayList<>();
        int tried = 0;
        for (DocumentedOperations.Operation operation : DocumentedOperations.of(api)) {
            for (var spelling :
                    PathSpellings.of(PathSpellings.concrete(operation.path())).entrySet()) {
                for (Map<String, String> headers : List.of(
                        Map.of("Content-Type", "application/json", "Idempotency-Key", "k-" + tried),
                        Map.of("Content-Type", "application/json", "Authorization", "Bearer not-a-key"))) {
                    tried++;
                    var answer = RawHttp.exchange(
                            port, operation.method(), spelling.getValue(), headers, bodyFor(operation));
                    boolean refused = answer.status() == 400 || answer.status() == 401;
                    boolean problem =
                            String.valueOf(answer.header("Content-Type")).startsWith("application/problem+json");
                    if (!refused || !problem) {
                        failures.add("%s %s (%s, %s): %d %s"
                                .formatted(
                                        operation.method(),
                                        spelling.getValue(),
                                        spelling.getKey(),
                                        headers.containsKey("Authorization") ? "wrong key" : "no key",
                                        answer.status(),
                                        answer.header("Content-Type")));
                    }
                }
            }
        }

        assertThat(tried).isGreaterThan(40 * 2 * 20);
        assertThat(failures).isEmpty();
        assertThat(invocations.reached()).isEmpty();
        assertThat(storedCounts()).isEqualTo(before);
    }

    @Test
    void malformedSpellingsAreRefusedAsProblemsEvenWithAKey() {
        invocations.clear();
        List<String> failures = new ArrayList<>();
        for (String target : List.of(
                "/api%2Fv1/mail/x",
                "/api/v1/mail/%2e%2e/x",
                "/api;x=1/v1/mail/x",
                "/api//v1/mail/x",
                "/api/v1/x/../mail/x",
                "/api/v1/mail/x%00",
                "/api\\v1/mail/x",
                "/api/v1/mail/x%0a")) {
            var answer = RawHttp.exchange(port, "GET", target, Map.of("Authorization", "Bearer " + API_KEY), null);
            if (answer.status() != 400
                    || !String.valueOf(answer.header("Content-Type")).startsWith("application/problem+json")) {
                failures.add(target + ": " + answer.status() + " " + answer.header("Content-Type"));
            }
        }

        assertThat(failures).isEmpty();
        assertThat(invocations.reached()).isEmpty();
    }

    private static String bodyFor(DocumentedOperations.Operation operation) {
        return operation.method().equals("GET") || operation.method().equals("DELETE") ? null : MAIL;
    }

    private Map<String, Long> storedCounts() {
        Map<String, Long> counts = new TreeMap<>();
        for (String collection : mongo.getCollectionNames()) {
            counts.put(collection, count(collection));
        }
        return counts;
    }
}
