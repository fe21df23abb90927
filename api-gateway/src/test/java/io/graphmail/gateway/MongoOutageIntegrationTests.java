package io.graphmail.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.testsupport.RestartableMongo;
import io.graphmail.testsupport.TestBackends;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * A gateway whose MongoDB goes away: it answers at once that it is unavailable (503 with Retry-After), not a
 * 500 after the driver's 30 s, and turns not ready.
 */
@GatewayOverHttp
@TestPropertySource(
        properties = {
            "graphmail.security.api-keys=" + MongoOutageIntegrationTests.API_KEY,
            "graphmail.sync.schedule-enabled=false",
            "spring.rabbitmq.listener.simple.auto-startup=false"
        })
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MongoOutageIntegrationTests {

    static final String API_KEY = "outage-key";
    static final RestartableMongo MONGO = new RestartableMongo();

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("spring.rabbitmq.addresses", () -> TestBackends.rabbitUri().toString());
        registry.add("spring.mongodb.uri", () -> MONGO.uri("outage", ""));
    }

    @AfterAll
    static void stopMongo() {
        MONGO.close();
    }

    @Test
    @Order(1)
    void readyWhileMongoAnswers() {
        assertThat(new Api(managementPort, null)
                        .get("/actuator/health/readiness")
                        .status())
                .isEqualTo(200);
    }

    @Test
    @Order(2)
    void withMongoGoneRequestsAreRefusedAsUnavailableAndTheGatewayIsNotReady(CapturedOutput output) {
        MONGO.kill();
        var api = new Api(port, API_KEY);

        assertUnavailable(timed("GET", () -> api.get("/api/v1/mail/" + UUID.randomUUID())));
        assertUnavailable(timed("POST", () -> api.post("/api/v1/mail", """
                {"to":["ada@example.com"],"subject":"Hello","body":{"contentType":"text","content":"Hi"}}""")));
        assertUnavailable(timed(
                "POST with an Idempotency-Key",
                () -> api.post("/api/v1/mail", """
                {"to":["ada@example.com"],"subject":"Hello","body":{"contentType":"text","content":"Hi"}}""", "Idempotency-Key", "outage-" + UUID.randomUUID())));

        var readiness = new Api(managementPort, null).get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(503);
        assertThat(readiness.text("status")).isEqualTo("DOWN");
        assertThat(output.getAll())
                .as("the scheduled tasks (the outbox sweeper runs every second) say it once, as a warning")
                .contains("Scheduled tasks wait for MongoDB")
                .doesNotContain("Unexpected error occurred in scheduled task")
                .as("MongoDB out of reach is no bug, whichever part of the request met it")
                .doesNotContain("Unexpected error (correlation id");
        assertThat(output.getAll().lines().filter(line -> line.contains(" ERROR ") && line.contains("scheduling-")))
                .as("errors logged on the scheduler's threads")
                .isEmpty();
    }

    private static Api.Response timed(String what, Supplier<Api.Response> call) {
        long start = System.nanoTime();
        Api.Response response = call.get();
        System.out.printf(
                "%s with MongoDB gone: %d in %d ms%n",
                what,
                response.status(),
                Duration.ofNanos(System.nanoTime() - start).toMillis());
        return response;
    }

    private static void assertUnavailable(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(503);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.header("Retry-After")).isEqualTo("5");
        assertThat(response.text("type")).endsWith("dependency-unavailable");
    }
}
