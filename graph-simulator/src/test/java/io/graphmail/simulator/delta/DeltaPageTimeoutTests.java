package io.graphmail.simulator.delta;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.simulator.SimulatorTests;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DeltaPageTimeoutTests extends SimulatorTests {

    static final String MAILBOX = "big@x.io";
    static final String DELTA = "/v1.0/users/" + MAILBOX + "/mailFolders/inbox/messages/delta";

    @Test
    void answersGatewayTimeoutInGraphsShapeForAPageOverTheLimit() {
        generate(30);
        http.put("/_sim/delta/limits", "{\"maxPageBytes\": 60000}");

        var tooLarge = http.getWithHeaders(DELTA, "Prefer", "odata.maxpagesize=20", "client-request-id", "client-42");

        assertThat(tooLarge.status()).isEqualTo(504);
        assertThat(tooLarge.errorCode()).isEqualTo("GatewayTimeout");
        assertThat(tooLarge.header("Retry-After")).isEmpty();
        var inner = tooLarge.json().path("error").path("innerError");
        assertThat(inner.path("request-id").asString())
                .isEqualTo(tooLarge.header("request-id").orElseThrow());
        assertThat(inner.path("client-request-id").asString()).isEqualTo("client-42");
        assertThat(tooLarge.header("client-request-id")).contains("client-42");
        assertThat(inner.path("date").asString()).isNotBlank();
        var stats = http.get("/_sim/mailboxes/" + MAILBOX + "/delta/stats").json();
        assertThat(stats.path("timedOutPages").asLong()).isEqualTo(1);
        assertThat(stats.path("initialRounds").asLong()).isZero();
        assertThat(stats.path("pages").asLong()).isZero();
    }

    @Test
    void aTimedOutPageIsServedWhenAskedAgainWithASmallerPageSize() {
        List<String> generated = generate(30);
        http.put("/_sim/delta/limits", "{\"maxPageBytes\": 60000}");

        var first = http.getWithHeaders(DELTA, "Prefer", "odata.maxpagesize=5, IdType=\"ImmutableId\"");
        String next = first.json().path("@odata.nextLink").asString();
        var tooLarge = http.getAbsolute(next, "Prefer", "odata.maxpagesize=20, IdType=\"ImmutableId\"");
        var pages = new ArrayList<JsonNode>(List.of(first.json()));
        var smaller = http.getAbsolute(next, "Prefer", "odata.maxpagesize=10, IdType=\"ImmutableId\"");
        pages.add(smaller.json());
        while (pages.get(pages.size() - 1).has("@odata.nextLink")) {
            pages.add(http.getAbsolute(
                            pages.get(pages.size() - 1).path("@odata.nextLink").asString(),
                            "Prefer",
                            "odata.maxpagesize=10")
                    .json());
        }

        assertThat(first.status()).isEqualTo(200);
        assertThat(tooLarge.status()).isEqualTo(504);
        assertThat(smaller.status()).isEqualTo(200);
        assertThat(smaller.header("Preference-Applied")).contains("odata.maxpagesize=10");
        assertThat(pages.stream().map(page -> page.path("value").size())).containsExactly(5, 10, 10, 5);
        assertThat(pages.stream()
                        .flatMap(page -> page.path("value").valueStream())
                        .map(item -> item.path("id").asString()))
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(generated);
        assertThat(pages.get(pages.size() - 1).path("@odata.deltaLink").asString())
                .contains("$deltatoken=");
        var stats = http.get("/_sim/mailboxes/" + MAILBOX + "/delta/stats").json();
        assertThat(stats.path("timedOutPages").asLong()).isEqualTo(1);
        assertThat(stats.path("initialRounds").asLong()).isEqualTo(1);
        assertThat(stats.path("pages").asLong()).isEqualTo(4);
    }

    @Test
    void theLimitDefaultsToTheConfiguredSizeAndCanBeChangedOrSwitchedOff() {
        generate(30);

        assertThat(http.get("/_sim/delta/limits").json().path("maxPageBytes").asLong())
                .isEqualTo(4_000_000);
        http.put("/_sim/delta/limits", "{\"maxPageBytes\": 1000}");
        assertThat(http.get(DELTA).status()).isEqualTo(504);
        http.put("/_sim/delta/limits", "{\"maxPageBytes\": null}");
        assertThat(http.get("/_sim/delta/limits").json().path("maxPageBytes").isNull())
                .isTrue();
        assertThat(http.getWithHeaders(DELTA, "Prefer", "odata.maxpagesize=1000")
                        .status())
                .isEqualTo(200);
        http.delete("/_sim/delta/limits");
        assertThat(http.get("/_sim/delta/limits").json().path("maxPageBytes").asLong())
                .isEqualTo(4_000_000);
    }

    private List<String> generate(int count) {
        return http.generate(MAILBOX, count);
    }
}
