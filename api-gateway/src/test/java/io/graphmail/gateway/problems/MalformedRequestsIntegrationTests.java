package io.graphmail.gateway.problems;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.gateway.GatewayAloneTests;
import io.graphmail.gateway.problems.MalformedRequests.Attempt;
import io.graphmail.gateway.problems.MalformedRequests.Kind;
import io.graphmail.gateway.security.DocumentedOperations;
import io.graphmail.gateway.security.RawHttp;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Every operation {@code /v3/api-docs} lists, with an admin key, given malformed parameters, headers, content types,
 * bodies and methods: no answer is a 5xx, every error is {@code application/problem+json}, and methods, content types,
 * encodings and numbers out of range get their own status (405, 415, 400). The operations and their parameters come
 * from the document, so an endpoint added later is covered without anyone listing it here.
 */
@TestPropertySource(
        properties = {
            "graphmail.security.rate-limits.requests-per-second=1000000",
            "graphmail.security.rate-limits.burst=1000000"
        })
class MalformedRequestsIntegrationTests extends GatewayAloneTests {

    /** Methods of HTTP's own that some operation of the API has: a path without them says which it has. */
    private static final Set<String> STANDARD_METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    @Test
    void noMalformedRequestIsAServerErrorAndEveryErrorIsAProblem() {
        var document = DocumentedOperations.document(api);
        List<Attempt> attempts =
                new MalformedRequests(document, accountId, API_KEY).of(DocumentedOperations.of(document));
        List<String> failures = new ArrayList<>();
        Map<Kind, Integer> failuresByKind = new EnumMap<>(Kind.class);
        for (Attempt attempt : attempts) {
            String failure = check(attempt);
            if (failure != null) {
                failures.add(attempt.kind() + " " + attempt.method() + " " + abbreviated(attempt.target()) + " ("
                        + attempt.description() + "): " + failure);
                failuresByKind.merge(attempt.kind(), 1, Integer::sum);
            }
        }

        assertThat(attempts).hasSizeGreaterThan(1000);
        assertThat(failures)
                .as(
                        "%d of %d malformed requests answered wrongly, by kind %s:%n%s",
                        failures.size(),
                        attempts.size(),
                        failuresByKind,
                        failures.stream().collect(Collectors.joining("\n")))
                .isEmpty();
    }

    private String check(Attempt attempt) {
        RawHttp.Answer answer;
        try {
            answer = RawHttp.exchangeRaw(port, attempt.method(), attempt.target(), attempt.headers(), attempt.body());
        } catch (RuntimeException e) {
            return "no answer (" + e.getClass().getSimpleName() + ")";
        }
        String contentType = String.valueOf(answer.header("Content-Type"));
        if (answer.status() >= 500) {
            return answer.status() + " " + contentType + " " + abbreviated(answer.body());
        }
        if (attempt.expected() != 0 && answer.status() != attempt.expected()) {
            return answer.status() + " instead of " + attempt.expected() + " " + contentType;
        }
        if (answer.status() >= 400 && !contentType.startsWith("application/problem+json")) {
            return answer.status() + " as " + contentType;
        }
        String parameter = attempt.description()
                .substring(0, Math.max(0, attempt.description().indexOf('=')));
        if (attempt.kind() == Kind.ENCODING
                && attempt.target().contains("?")
                && !answer.body().contains("\"parameter\":\"" + parameter + "\"")) {
            return "the problem does not name the parameter " + parameter + ": " + abbreviated(answer.body());
        }
        if (attempt.kind() == Kind.METHOD
                && STANDARD_METHODS.contains(attempt.method())
                && answer.header("Allow") == null) {
            return "405 without Allow";
        }
        return null;
    }

    private static String abbreviated(String text) {
        return text.length() > 160 ? text.substring(0, 150) + "…" : text;
    }
}
