package io.graphmail.simulator.throttling;

import static io.graphmail.simulator.throttling.ConcurrentRequests.concurrently;
import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.simulator.SimulatorHttp.Response;
import io.graphmail.simulator.SimulatorTests;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Graph's throttling per mailbox over real HTTP: concurrent requests, limits set, and what the stats tell. */
class ThrottlingTests extends SimulatorTests {

    static final String MAIL = "{\"message\": {\"toRecipients\": [{\"emailAddress\": {\"address\": \"b@x.io\"}}]}}";

    @Test
    void turnsAwayRequestsBeyondMaxConcurrentWithRetryAfter() throws Exception {
        http.put("/_sim/mailboxes/a@x.io/limits", "{\"maxConcurrent\": 4}");
        http.post("/_sim/faults", "{\"pathPattern\": \"/v1.0/users/*/messages\", \"latencyMs\": 1000}");

        var responses = concurrently(6, () -> http.get("/v1.0/users/a@x.io/messages"));

        assertThat(responses).extracting(Response::status).containsOnly(200, 429);
        var throttled =
                responses.stream().filter(response -> response.status() == 429).toList();
        assertThat(throttled).isNotEmpty().allSatisfy(response -> {
            assertThat(response.header("Retry-After")).contains("1");
            assertThat(response.errorCode()).isEqualTo("ApplicationThrottled");
        });
        var stats = stats("a@x.io");
        assertThat(stats.path("maxConcurrentObserved").asInt()).isBetween(1, 4);
        assertThat(stats.path("requests").asInt()).isEqualTo(6);
        assertThat(stats.path("throttled").asInt()).isEqualTo(throttled.size());
    }

    @Test
    void acceptsSendsOverTheMessagesPerMinuteInsteadOfThrottlingThem() {
        http.put("/_sim/mailboxes/a@x.io/limits", "{\"messagesPerMinute\": 2}");

        for (int send = 0; send < 4; send++) {
            assertThat(send("a@x.io").status()).isEqualTo(202);
        }
        assertThat(http.post("/v1.0/users/a@x.io/messages/AAMk1/send", "").status())
                .as("sending a draft counts as a send and is not throttled either")
                .isNotEqualTo(429);

        assertThat(stats("a@x.io").path("throttled").asInt()).isZero();
        assertThat(stats("a@x.io").path("sends").asInt()).isEqualTo(5);
    }

    @Test
    void appliesDefaultLimitsToMailboxesWithoutTheirOwn() {
        http.put("/_sim/limits/default", "{\"messagesPerMinute\": 1, \"maxConcurrent\": null}");
        http.put("/_sim/mailboxes/B@x.io/limits", "{\"messagesPerMinute\": 2, \"recipientsPerMessage\": 10}");

        assertThat(http.get("/_sim/limits").json().toString())
                .isEqualTo("{\"default\":{\"messagesPerMinute\":1,\"maxConcurrent\":null,"
                        + "\"recipientsPerMessage\":null,\"recipientsPerDay\":null,\"maxMessageSize\":null},"
                        + "\"mailboxes\":{\"b@x.io\":{\"messagesPerMinute\":2,\"maxConcurrent\":null,"
                        + "\"recipientsPerMessage\":10,\"recipientsPerDay\":null,\"maxMessageSize\":null}}}");
    }

    @Test
    void startsWithExchangeOnlineDefaultsAndOutlooksConcurrency() {
        assertThat(http.get("/_sim/limits").json().path("default").toString())
                .isEqualTo("{\"messagesPerMinute\":null,\"maxConcurrent\":4,\"recipientsPerMessage\":500,"
                        + "\"recipientsPerDay\":10000,\"maxMessageSize\":36700160}");
    }

    @Test
    void statsCountRequestsSendsAndTheirConcurrencyPerMailbox() throws Exception {
        http.post("/_sim/faults", "{\"pathPattern\": \"/v1.0/users/*/sendMail\", \"latencyMs\": 1000}");

        var responses = concurrently(3, () -> send("a@x.io"));
        http.get("/v1.0/users/A@x.io/messages");
        http.get("/v1.0/users/a@x.io/messages", "not-the-token");

        assertThat(responses).extracting(Response::status).containsOnly(202);
        var stats = stats("a@x.io");
        assertThat(stats.path("requests").asInt())
                .as("the bearer check turns the last request away first")
                .isEqualTo(4);
        assertThat(stats.path("sends").asInt()).isEqualTo(3);
        assertThat(stats.path("throttled").asInt()).isZero();
        assertThat(stats.path("maxConcurrentObserved").asInt())
                .as("latency keeps the sends in progress")
                .isEqualTo(3);
        assertThat(stats.path("maxSendsInAnyMinute").asInt()).isEqualTo(3);
        assertThat(http.get("/_sim/stats").json().propertyNames()).containsExactly("a@x.io");
        assertThat(stats("nobody@x.io").path("requests").asInt()).isZero();
    }

    @Test
    void resetsForgetLimitsAndStats() {
        http.put("/_sim/mailboxes/a@x.io/limits", "{\"maxConcurrent\": 1}");
        send("a@x.io");

        http.delete("/_sim/limits");

        assertThat(http.get("/_sim/limits").json().path("mailboxes").isEmpty()).isTrue();
        send("a@x.io");
        assertThat(stats("a@x.io").path("sends").asInt()).isEqualTo(2);
        http.delete("/_sim/stats");
        assertThat(stats("a@x.io").path("requests").asInt()).isZero();
        send("a@x.io");
        http.delete("/_sim/mailboxes");
        assertThat(http.get("/_sim/stats").json().isEmpty()).isTrue();
    }

    @Test
    void rejectsLimitsBelowOne() {
        var response = http.put("/_sim/mailboxes/a@x.io/limits", "{\"messagesPerMinute\": 0}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("ErrorInvalidRequest");
    }

    private Response send(String mailbox) {
        return http.post("/v1.0/users/" + mailbox + "/sendMail", MAIL);
    }

    private JsonNode stats(String mailbox) {
        return http.get("/_sim/mailboxes/" + mailbox + "/stats").json();
    }
}
