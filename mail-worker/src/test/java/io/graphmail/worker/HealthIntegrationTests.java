package io.graphmail.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.testsupport.TestBackends;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** The probes an orchestrator asks: ready only with the broker and MongoDB reachable. */
@SpringBootTest(
        classes = MailWorkerApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=mail-worker", "spring.rabbitmq.listener.simple.auto-startup=false"})
class HealthIntegrationTests {

    @LocalServerPort
    int port;

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

    private JsonNode get(String path) {
        return RestClient.create("http://127.0.0.1:" + port)
                .get()
                .uri(path)
                .retrieve()
                .body(JsonNode.class);
    }
}
