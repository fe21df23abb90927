package io.graphmail.simulator.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.graphmail.simulator.SimulatorTests;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class FaultInjectionTests extends SimulatorTests {

    private static final String SEND = "/v1.0/users/a@x.io/sendMail";
    private static final String MAIL =
            "{\"message\": {\"toRecipients\": [{\"emailAddress\": {\"address\": \"b@x.io\"}}]}}";

    @Test
    void failsTheNextCountedRequestsWithRetryAfterThenRecovers() {
        var fault = http.post("/_sim/faults", """
                {"pathPattern": "/v1.0/users/*/sendMail", "method": "POST", "status": 503,
                 "count": 2, "retryAfterSeconds": 1}""");
        assertThat(fault.status()).isEqualTo(201);
        assertThat(fault.json().path("id").asString()).isNotBlank();
        assertThat(fault.json().path("errorCode").asString()).isEqualTo("ServiceUnavailable");

        for (int attempt = 0; attempt < 2; attempt++) {
            var failed = http.post(SEND, MAIL);
            assertThat(failed.status()).isEqualTo(503);
            assertThat(failed.header("Retry-After")).contains("1");
            assertThat(failed.errorCode()).isEqualTo("ServiceUnavailable");
        }
        assertThat(http.post(SEND, MAIL).status()).isEqualTo(202);
        assertThat(http.get("/_sim/mailboxes/a@x.io/sent").json().path("value")).hasSize(1);
        assertThat(http.get("/_sim/faults")
                        .json()
                        .path("value")
                        .get(0)
                        .path("remaining")
                        .asInt())
                .isZero();
    }

    @Test
    void leavesRequestsWithOtherMethodsAlone() {
        http.post("/_sim/faults", "{\"pathPattern\": \"/v1.0/users/**\", \"method\": \"POST\", \"status\": 500}");

        assertThat(http.get("/v1.0/users/a@x.io/messages").status()).isEqualTo(200);
        assertThat(http.post(SEND, MAIL).errorCode()).isEqualTo("InternalServerError");
    }

    @Test
    void failsEveryRequestWhileCertainUntilDeleted() {
        String id = http.post(
                        "/_sim/faults",
                        "{\"pathPattern\": \"/v1.0/users/*/messages\", \"status\": 429, \"probability\": 1.0}")
                .json()
                .path("id")
                .asString();

        for (int attempt = 0; attempt < 3; attempt++) {
            var throttled = http.get("/v1.0/users/a@x.io/messages");
            assertThat(throttled.status()).isEqualTo(429);
            assertThat(throttled.errorCode()).isEqualTo("TooManyRequests");
        }
        assertThat(http.delete("/_sim/faults/" + id).status()).isEqualTo(204);
        assertThat(http.get("/v1.0/users/a@x.io/messages").status()).isEqualTo(200);
    }

    @Test
    void neverStrikesWithProbabilityZero() {
        http.post("/_sim/faults", "{\"pathPattern\": \"/v1.0/**\", \"status\": 503, \"probability\": 0}");

        assertThat(http.get("/v1.0/users/a@x.io/messages").status()).isEqualTo(200);
    }

    @Test
    void usesTheGivenErrorCode() {
        http.post(
                "/_sim/faults",
                "{\"pathPattern\": \"/v1.0/**\", \"status\": 403, \"count\": 1, \"errorCode\": \"ErrorAccessDenied\"}");

        var denied = http.get("/v1.0/users/a@x.io/messages");

        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.errorCode()).isEqualTo("ErrorAccessDenied");
    }

    @Test
    void onlyDelaysWhenGivenLatencyWithoutStatus() {
        http.post("/_sim/faults", "{\"pathPattern\": \"/v1.0/users/*/messages\", \"latencyMs\": 300, \"count\": 1}");

        long started = System.nanoTime();
        var response = http.get("/v1.0/users/a@x.io/messages");

        assertThat(response.status()).isEqualTo(200);
        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(300);
    }

    @Test
    void strikesOnlyRequestsTheTokenCheckLetThrough() {
        http.post("/_sim/faults", "{\"pathPattern\": \"/v1.0/**\", \"status\": 503, \"count\": 1}");

        assertThat(http.get("/v1.0/users/a@x.io/messages", "not-the-token").status())
                .isEqualTo(401);
        assertThat(http.get("/v1.0/users/a@x.io/messages").status()).isEqualTo(503);
        assertThat(http.get("/v1.0/users/a@x.io/messages").status()).isEqualTo(200);
    }

    @Test
    void neverAppliesToTheControlApi() {
        http.post("/_sim/faults", "{\"pathPattern\": \"/**\", \"status\": 500}");

        assertThat(http.get("/_sim/faults").status()).isEqualTo(200);
    }

    @Test
    void rejectsFaultsThatWouldDoNothing() {
        var response = http.post("/_sim/faults", "{\"pathPattern\": \"/v1.0/**\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("ErrorInvalidRequest");
        assertThat(http.post("/_sim/faults", "{\"status\": 503}").status()).isEqualTo(400);
        assertThat(http.post("/_sim/faults", "{\"pathPattern\": \"/v1.0/**\", \"status\": 503, \"probability\": 2}")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void dropsTheConnectionAfterTheSendWasDone() {
        http.post("/_sim/faults", """
                {"pathPattern": "/v1.0/users/*/sendMail", "afterSuccess": true, "dropConnection": true, "count": 1}""");

        assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> http.post(SEND, MAIL));
        assertThat(http.get("/_sim/mailboxes/a@x.io/sent").json().path("value")).hasSize(1);
        assertThat(http.post(SEND, MAIL).status()).isEqualTo(202);
        assertThat(http.get("/_sim/mailboxes/a@x.io/sent").json().path("value")).hasSize(2);
    }

    @Test
    void dropsTheConnectionBeforeTheEndpointRuns() {
        http.post("/_sim/faults", """
                {"pathPattern": "/v1.0/users/*/sendMail", "dropConnection": true, "count": 1}""");

        assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> http.post(SEND, MAIL));
        assertThat(http.get("/_sim/mailboxes/a@x.io/sent").json().path("value")).isEmpty();
    }

    @Test
    void answersWithAnErrorAfterTheSendWasDone() {
        http.post("/_sim/faults", """
                {"pathPattern": "/v1.0/users/*/sendMail", "afterSuccess": true, "status": 504, "count": 1}""");

        var response = http.post(SEND, MAIL);

        assertThat(response.status()).isEqualTo(504);
        assertThat(response.errorCode()).isEqualTo("GatewayTimeout");
        assertThat(http.get("/_sim/mailboxes/a@x.io/sent").json().path("value")).hasSize(1);
    }

    @Test
    void delaysTheAnswerAfterTheSendWasDone() {
        http.post("/_sim/faults", """
                {"pathPattern": "/v1.0/users/*/sendMail", "afterSuccess": true, "latencyMs": 300, "count": 1}""");

        long started = System.nanoTime();
        var response = http.post(SEND, MAIL);

        assertThat(response.status()).isEqualTo(202);
        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(300);
    }

    @Test
    void leavesFailedAnswersAloneAfterSuccess() {
        http.post("/_sim/faults", """
                {"pathPattern": "/v1.0/users/*/sendMail", "afterSuccess": true, "status": 503, "count": 1}""");

        var refused = http.post(SEND, "{\"message\": {\"toRecipients\": []}}");

        assertThat(refused.errorCode()).isEqualTo("ErrorInvalidRecipients");
        assertThat(http.post(SEND, MAIL).status()).isEqualTo(503);
        assertThat(http.post(SEND, MAIL).status()).isEqualTo(202);
    }

    @Test
    void refusesAFaultThatBothAnswersAndDrops() {
        var response = http.post("/_sim/faults", """
                {"pathPattern": "/v1.0/**", "status": 503, "dropConnection": true}""");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("ErrorInvalidRequest");
    }
}
