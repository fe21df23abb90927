package io.graphmail.simulator.requests;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.simulator.SimulatorTests;
import org.junit.jupiter.api.Test;

class RequestCountsTests extends SimulatorTests {

    @Test
    void countsRequestsPerMethodAndPathIncludingRejectedOnes() {
        http.get("/v1.0/users/a@x.io/messages");
        http.get("/v1.0/users/a@x.io/messages", null);
        http.post("/v1.0/users/a@x.io/sendMail", "{}");

        var counts = http.get("/_sim/requests").json();

        assertThat(counts.path("total").asLong()).isEqualTo(3);
        assertThat(counts.path("counts").path("GET /v1.0/users/a@x.io/messages").asLong())
                .isEqualTo(2);
        assertThat(counts.path("counts")
                        .path("POST /v1.0/users/a@x.io/sendMail")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void narrowsCountsToAPathPattern() {
        http.post("/v1.0/users/a@x.io/sendMail", "{}");
        http.post("/v1.0/users/b@x.io/sendMail", "{}");
        http.get("/v1.0/users/a@x.io/messages");

        var counts = http.get("/_sim/requests?path=/v1.0/users/*/sendMail").json();

        assertThat(counts.path("total").asLong()).isEqualTo(2);
        assertThat(counts.path("counts").propertyNames()).hasSize(2);
    }

    @Test
    void forgetsCountsOnReset() {
        http.get("/v1.0/me/messages");

        http.delete("/_sim/requests");

        assertThat(http.get("/_sim/requests").json().path("total").asLong()).isZero();
    }
}
