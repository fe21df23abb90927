package io.graphmail.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

/** Actuator answers on the management port only: whoever reaches the API port never sees health details or metrics. */
class ManagementPortIntegrationTests extends GatewayAloneTests {

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/prometheus", "/actuator/health", "/actuator/health/readiness", "/actuator"})
    void theApiPortServesNoActuatorEndpoint(String path) {
        var withoutKey = new Api(port, null).get(path);
        var withKey = api.get(path);

        for (var response : new Api.Response[] {withoutKey, withKey}) {
            assertThat(response.status()).as(path).isIn(401, 403, 404);
            assertThat(response.body()).doesNotContain("jvm_memory", "\"UP\"", "readinessState", "_links");
        }
    }

    @Test
    void theManagementPortServesHealthAndMetricsWithoutAKey() {
        var management = new Api(managementPort, null);

        var health = management.get("/actuator/health");
        var metrics = management.get("/actuator/prometheus");

        assertThat(managementPort).isNotEqualTo(port);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.text("status")).isEqualTo("UP");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes", "application=\"api-gateway\"");
        assertThat(metrics.body())
                .as("the MongoDB connection pool is measured, its commands are not timed")
                .contains("mongodb_driver_pool_size")
                .doesNotContain("mongodb_driver_commands");
    }

    /** The tests run actuator on a free port; what production gets is the configuration's own port. */
    @Test
    void theGatewaysConfigurationGivesActuatorAPortOfItsOwn() throws IOException {
        var sources = new YamlPropertySourceLoader().load("api-gateway", new ClassPathResource("api-gateway.yml"));

        assertThat(sources.get(0).getProperty("management.server.port")).hasToString("${GATEWAY_MANAGEMENT_PORT:9080}");
        assertThat(sources.get(0).getProperty("server.port")).hasToString("${GATEWAY_PORT:8080}");
    }

    @Test
    void theManagementPortServesNoApi() {
        var response = new Api(managementPort, API_KEY).get("/api/v1/accounts");

        assertThat(response.status()).isEqualTo(404);
    }
}
