package io.graphmail.simulator.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.simulator.SimulatorTests;
import org.junit.jupiter.api.Test;

class BearerTokenTests extends SimulatorTests {

    @Test
    void rejectsGraphCallsWithoutToken() {
        var response = http.get("/v1.0/me/messages", null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.errorCode()).isEqualTo("InvalidAuthenticationToken");
        assertThat(response.json().path("error").path("innerError").path("date").asString())
                .isNotBlank();
    }

    @Test
    void rejectsUnknownToken() {
        var response = http.get("/v1.0/users/a@x.io/messages", "not-the-token");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.errorCode()).isEqualTo("InvalidAuthenticationToken");
    }

    @Test
    void acceptsTheStaticToken() {
        assertThat(http.get("/v1.0/users/a@x.io/messages").status()).isEqualTo(200);
    }

    @Test
    void leavesTheControlApiOpen() {
        assertThat(http.get("/_sim/faults", null).status()).isEqualTo(200);
        assertThat(http.get("/actuator/health", null).json().path("status").asString())
                .isEqualTo("UP");
    }
}
