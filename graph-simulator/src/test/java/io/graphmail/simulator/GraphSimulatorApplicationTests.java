package io.graphmail.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.simulator.https.HttpsPort;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

    @Test
    void staticTokenCanBeSwitchedOff() {
        try (var context =
                GraphSimulatorApplication.builder().run("--server.port=0", "--graphmail.simulator.static-token=")) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            var http = new SimulatorHttp(port);

            assertThat(http.get("/v1.0/me/messages", SimulatorHttp.TOKEN).status())
                    .isEqualTo(401);
            assertThat(http.get("/v1.0/me/messages", "").status()).isEqualTo(401);
        }
    }

    @Test
    void writesItsCertificateWhereTheCertificateFileSays(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("certs/graph-simulator.pem");
        try (var context = GraphSimulatorApplication.builder()
                .run(
                        "--server.port=0",
                        "--graphmail.simulator.https-port=0",
                        "--graphmail.simulator.certificate-file=" + file)) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();

            assertThat(Files.readString(file))
                    .isEqualTo(new SimulatorHttp(port)
                            .get("/_sim/certificate", null)
                            .text());
            assertThat(context.getBean(HttpsPort.class).port()).isPositive().isNotEqualTo(port);
        }
    }
}
