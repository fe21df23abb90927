package io.graphmail.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.testsupport.TestBackends;
import java.io.IOException;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** The probes an orchestrator asks, on the management port: ready only with the broker and MongoDB reachable. */
@SpringBootTest(
        classes = MailWorkerApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=mail-worker",
            "management.server.port=0",
            "spring.rabbitmq.listener.simple.auto-startup=false"
        })
class HealthIntegrationTests {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        TestBackends.register(registry);
        registry.add(
                "graphmail.tokens.encryption-keys",
                () -> "test:" + Base64.getEncoder().encodeToString(new byte[32]));
    }

    @Test
    void readinessCoversTheBrokerAndMongoDb() {
        JsonNode readiness = get("/actuator/health/readiness");

        assertThat(readiness.path("status").asString()).isEqualTo("UP");
        assertThat(readiness.path("components").propertyNames()).contains("readinessState", "rabbit", "mongo");
        assertThat(readiness.path("components").path("rabbit").path("status").asString())
                .isEqualTo("UP");
        assertThat(readiness.path("components").path("mongo").path("status").asString())
                .isEqualTo("UP");
    }

    @Test
    void isLive() {
        JsonNode liveness = get("/actuator/health/liveness");

        assertThat(liveness.path("status").asString()).isEqualTo("UP");
    }

    @Test
    void theServerPortServesNoActuatorEndpoint() {
        var response = RestClient.create("http://127.0.0.1:" + port)
                .get()
                .uri("/actuator/health")
                .exchange((request, answer) -> answer.getStatusCode().value());

        assertThat(response).isEqualTo(404);
    }

    /** The test runs actuator on a free port; what production gets is the configuration's own port. */
    @Test
    void theWorkersConfigurationGivesActuatorAPortOfItsOwn() throws IOException {
        var sources = new YamlPropertySourceLoader().load("mail-worker", new ClassPathResource("mail-worker.yml"));

        assertThat(sources.get(0).getProperty("management.server.port")).hasToString("${WORKER_MANAGEMENT_PORT:9081}");
    }

    private JsonNode get(String path) {
        return RestClient.create("http://127.0.0.1:" + managementPort)
                .get()
                .uri(path)
                .retrieve()
                .body(JsonNode.class);
    }
}
