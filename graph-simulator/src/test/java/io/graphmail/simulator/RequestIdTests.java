package io.graphmail.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Graph's request-id and client-request-id on every answer, and in every error's innerError. */
class RequestIdTests extends SimulatorTests {

    static final String MESSAGES = "/v1.0/users/ada@example.com/messages";

    @Test
    void everyAnswerCarriesARequestIdAndEchoesTheClientRequestId() {
        var echoed = http.getWithHeaders(MESSAGES, "client-request-id", "c0ffee00-0000-4000-8000-000000000001");
        var first = http.get(MESSAGES);
        var second = http.get(MESSAGES);

        assertThat(echoed.status()).isEqualTo(200);
        assertThat(echoed.header("client-request-id")).contains("c0ffee00-0000-4000-8000-000000000001");
        assertThat(echoed.header("request-id")).isPresent();
        assertThat(first.header("request-id")).isPresent().isNotEqualTo(second.header("request-id"));
        assertThat(first.header("client-request-id"))
                .as("without a client-request-id, the request id stands in")
                .isEqualTo(first.header("request-id"));
    }

    @Test
    void errorsCarryBothIdsAndTheDateInInnerError() {
        var denied = http.get(MESSAGES, "not-a-token");
        var missing = http.getWithHeaders(MESSAGES + "/AAMkunknown", "client-request-id", "mine-42");
        http.post("/_sim/faults", "{\"pathPattern\": \"/v1.0/users/*/messages\", \"status\": 503, \"count\": 1}");
        var faulted = http.getWithHeaders(MESSAGES, "client-request-id", "mine-43");

        for (var response : List.of(denied, missing, faulted)) {
            var inner = response.json().path("error").path("innerError");
            assertThat(inner.path("request-id").asString())
                    .isEqualTo(response.header("request-id").orElseThrow());
            assertThat(inner.path("client-request-id").asString())
                    .isEqualTo(response.header("client-request-id").orElseThrow());
            assertThat(inner.path("date").asString()).isNotBlank();
        }
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json()
                        .path("error")
                        .path("innerError")
                        .path("client-request-id")
                        .asString())
                .isEqualTo("mine-42");
        assertThat(faulted.status()).isEqualTo(503);
        assertThat(faulted.header("client-request-id")).contains("mine-43");
    }
}
