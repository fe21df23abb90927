package io.graphmail.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClients;
import io.graphmail.testsupport.TestAccounts;
import io.graphmail.testsupport.TestBackends;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway in a JVM of its own with a 256 MB heap (and no second chance after running out of it) answers every
 * hostile body with a 4xx, one after another and all at once, and stays healthy. Durations are printed, not asserted.
 */
class SmallHeapGatewayIntegrationTests {

    static final String API_KEY = "small-heap-key";
    static final String ACCOUNT = "small-heap-" + UUID.randomUUID().toString().substring(0, 8);

    static final HttpClient HTTP = HttpClient.newHttpClient();

    static Process gateway;
    static Api api;
    static String health;

    @BeforeAll
    static void startGateway() throws IOException {
        int port = freePort();
        int managementPort = freePort();
        Path log = Files.createDirectories(Path.of("target")).resolve("small-heap-gateway.log");
        var command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:+ExitOnOutOfMemoryError",
                "-cp",
                System.getProperty("java.class.path"),
                GatewayApplication.class.getName(),
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--management.server.port=" + managementPort,
                "--management.server.address=127.0.0.1",
                "--graphmail.security.api-keys=" + API_KEY,
                "--graphmail.sync.schedule-enabled=false",
                "--spring.rabbitmq.listener.simple.auto-startup=false",
                "--spring.jmx.enabled=false"));
        command.addAll(List.of(TestBackends.arguments()));
        gateway = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        api = new Api(port, API_KEY);
        health = "http://127.0.0.1:" + managementPort + "/actuator/health";
        try (var mongo = MongoClients.create(TestBackends.mongoUri())) {
            String database = URI.create(TestBackends.mongoUri()).getPath().substring(1);
            mongo.getDatabase(database)
                    .getCollection("accounts")
                    .insertOne(TestAccounts.applicationAccount(ACCOUNT, ACCOUNT + "@x.example"));
        }
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> healthStatus() == 200);
    }

    @AfterAll
    static void stopGateway() throws InterruptedException {
        if (gateway != null) {
            gateway.destroy();
            gateway.waitFor();
        }
    }

    @Test
    void answersEveryHostileBodyWithA4xxAndStaysHealthy() throws IOException, InterruptedException {
        for (int round = 1; round <= 2; round++) {
            for (var hostile : HostileBodies.all(ACCOUNT)) {
                long started = System.nanoTime();
                int status = post(hostile).status();
                System.out.printf(
                        "round %d, %s: %d in %d ms%n",
                        round, hostile.name(), status, (System.nanoTime() - started) / 1_000_000);
                assertThat(status).as(hostile.name()).isBetween(400, 499);
            }
        }
        long started = System.nanoTime();
        List<CompletableFuture<Integer>> together = HostileBodies.all(ACCOUNT).stream()
                .map(hostile ->
                        CompletableFuture.supplyAsync(() -> post(hostile).status()))
                .toList();
        together.forEach(status -> assertThat(status.join()).isBetween(400, 499));
        System.out.printf(
                "all %d at once: answered in %d ms%n", together.size(), (System.nanoTime() - started) / 1_000_000);

        assertThat(gateway.isAlive()).isTrue();
        assertThat(healthStatus()).isEqualTo(200);
        var normal =
                api.post("/api/v1/mail", """
                {"accountId":"%s","to":["ada@example.com"],"subject":"Still here","body":{"contentType":"text","content":"x"},
                 "sendAt":"%s"}""".formatted(ACCOUNT, Instant.now().plusSeconds(86_400)));
        assertThat(normal.status()).isEqualTo(202);
    }

    private static Api.Response post(HostileBodies.Hostile hostile) {
        return api.postBody(hostile.path(), hostile.body(), "Content-Type", "application/json");
    }

    private static int healthStatus() throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(health)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
