package io.graphmail.simulator.delta;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.simulator.SimulatorTests;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "graphmail.simulator.delta.max-page-bytes=3000")
class ConfiguredDeltaPageLimitTests extends SimulatorTests {

    @Test
    void timesOutPagesOverTheConfiguredSize() {
        http.post("/_sim/mailboxes/c@x.io/messages/generate", "{\"count\": 3, \"bodyBytes\": 4000}");
        String delta = "/v1.0/users/c@x.io/mailFolders/inbox/messages/delta";

        assertThat(http.get("/_sim/delta/limits").json().path("maxPageBytes").asLong())
                .isEqualTo(3000);
        assertThat(http.get(delta).status()).isEqualTo(504);
        assertThat(http.get(delta + "?$select=subject").status()).isEqualTo(200);
    }
}
