package io.graphmail.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls the gateway's API over HTTP on 127.0.0.1, as a client would. */
final class GatewayClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final int RATE_LIMITED_ATTEMPTS = 30;

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String baseUrl;

    GatewayClient(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    /** Registers an account (201). */
    void registerAccount(String json) {
        expect(post("/api/v1/accounts", json), 201);
    }

    /** Submits a batch and returns its Location once the gateway answered 202. */
    String submitBatch(String json) {
        var response = post("/api/v1/mail/batches", json);
        expect(response, 202);
        return response.headers().firstValue("Location").orElseThrow();
    }

    /** The batch's count of messages in {@code status}. */
    long count(String location, String status) {
        return json(location).path("counts").path(status).asLong(0);
    }

    JsonNode json(String path) {
        var response = get(path);
        expect(response, 200);
        return JSON.readTree(response.body());
    }

    HttpResponse<String> post(String path, String json) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> patch(String path, String json) {
        return send(request(path).method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + InProcess.API_KEY);
    }

    /**
     * Sends the request, and again after the time the gateway names as long as it answers 429 (its per-key rate
     * limit, which a benchmark polling many messages reaches), as a well-behaved client would.
     */
    private HttpResponse<String> send(HttpRequest.Builder request) {
        var response = sendOnce(request);
        for (int attempt = 1; response.statusCode() == 429 && attempt < RATE_LIMITED_ATTEMPTS; attempt++) {
            long seconds = response.headers()
                    .firstValue("Retry-After")
                    .map(Long::parseLong)
                    .orElse(1L);
            Waiting.sleep(Duration.ofSeconds(Math.max(1, seconds)));
            response = sendOnce(request);
        }
        return response;
    }

    private HttpResponse<String> sendOnce(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("%s %s answered %d: %s"
                    .formatted(
                            response.request().method(),
                            response.request().uri(),
                            response.statusCode(),
                            response.body()));
        }
    }
}
