package io.graphmail.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/** Other applications' tests start the simulator this way, on a free port. */
class GraphSimulatorApplicationTests {

    @Test
    void startsFromItsBuilderWithItsOwnConfigurationFile() {
        try (var context = GraphSimulatorApplication.builder()
                .run("--server.port=0", "--graphmail.simulator.static-token=other-token")) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            var http = new SimulatorHttp(port);

            assertThat(context.getEnvironment().getProperty("spring.application.name"))
                    .isEqualTo("graph-simulator");
            assertThat(http.get("/actuator/health", null).json().path("status").asString())
                    .isEqualTo("UP");
            assertThat(http.get("/v1.0/me/messages", "other-token").status()).isEqualTo(200);
            assertThat(http.get("/v1.0/me/messages", SimulatorHttp.TOKEN).status())
                    .isEqualTo(401);
        }
    }
}
