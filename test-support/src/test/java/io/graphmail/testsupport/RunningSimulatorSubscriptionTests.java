package io.graphmail.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The change notification part of {@link RunningSimulator}'s control API, against a local notification endpoint. */
class RunningSimulatorSubscriptionTests {

    static RunningSimulator simulator;
    static HttpServer endpoint;
    static final List<String> received = new CopyOnWriteArrayList<>();
    static final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void start() throws IOException {
        simulator = RunningSimulator.start();
        endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.createContext("/", exchange -> {
            try (exchange) {
                String query = exchange.getRequestURI().getRawQuery();
                byte[] answer = new byte[0];
                if (query != null && query.startsWith("validationToken=")) {
                    answer = URLDecoder.decode(query.substring(16), StandardCharsets.UTF_8)
                            .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "text/plain");
                    exchange.sendResponseHeaders(200, answer.length);
                    exchange.getResponseBody().write(answer);
                } else {
                    received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                    exchange.sendResponseHeaders(202, -1);
                }
            }
        });
        endpoint.start();
    }

    @AfterAll
    static void stop() {
        endpoint.stop(0);
        simulator.close();
    }

    @Test
    void listsSubscriptionsRecordsDeliveriesAndFiresLifecycleEvents() throws Exception {
        simulator.subscriptionLimits(Duration.ofMinutes(5), Duration.ofSeconds(2));
        String url = "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/hook";
        String id = subscribe(url, Instant.now().plus(Duration.ofMinutes(4)));

        simulator.seedMessage("ada@example.com", "inbox", Map.of("subject", "Hi"));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> simulator.subscriptionDeliveries(id).lastStatus() != null);
        assertThat(received).isNotEmpty();
        assertThat(simulator.subscriptionDeliveries(id).notifications()).isEqualTo(1);
        assertThat(simulator.subscriptions())
                .extracting(state -> state.path("subscription").path("id").asString())
                .containsExactly(id);
        assertThat(simulator.fireLifecycleEvent(id, "subscriptionRemoved")).isTrue();
        assertThat(simulator.subscriptions()).isEmpty();

        simulator.reset();
        assertThat(subscribeStatus(url, Instant.now().plus(Duration.ofMinutes(6))))
                .as("reset restores the configured maximum lifetime")
                .isEqualTo(201);
    }

    private static String subscribe(String url, Instant expiry) throws Exception {
        HttpResponse<String> response = post(url, expiry);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode body = json.readTree(response.body());
        return body.path("id").asString();
    }

    private static int subscribeStatus(String url, Instant expiry) throws Exception {
        return post(url, expiry).statusCode();
    }

    private static HttpResponse<String> post(String url, Instant expiry) throws Exception {
        String body = """
                {"changeType": "created", "notificationUrl": "%s", "lifecycleNotificationUrl": "%s",
                 "resource": "users/ada@example.com/mailFolders('inbox')/messages", "expirationDateTime": "%s",
                 "clientState": "state"}""".formatted(url, url, expiry);
        var request = HttpRequest.newBuilder(URI.create(simulator.graphBaseUrl() + "/subscriptions"))
                .header("Authorization", "Bearer sim-token")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
