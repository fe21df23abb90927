package io.graphmail.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The simulator of a stack in its own process: its control API (limits off) and an application token. */
final class SimulatorAccess {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;

    SimulatorAccess(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    String graphBase() {
        return baseUrl + "/v1.0";
    }

    /** No request or upload windows for any mailbox (Graph's 10,000 requests per 10 minutes would bind). */
    void windowsOff() throws Exception {
        put("/_sim/limits/windows", """
                {"requestsPerWindow":0,"requestWindowSeconds":600,"uploadBytesPerWindow":0,"uploadWindowSeconds":300}""");
    }

    /** No sending limit for the mailbox, and concurrency far above what any run reaches (Graph's is 4). */
    void limitsOff(String mailbox) throws Exception {
        put("/_sim/mailboxes/" + mailbox + "/limits", "{\"maxConcurrent\":1000}");
    }

    /** An application token for Graph, as the workers get one (client credentials, the stack's default secret). */
    String token(String tenant, String secret) throws Exception {
        String form = "grant_type=client_credentials&client_id=" + tenant + "&client_secret=" + secret + "&scope="
                + URLEncoder.encode("https://graph.microsoft.com/.default", StandardCharsets.UTF_8);
        var request = HttpRequest.newBuilder(URI.create(baseUrl + "/" + tenant + "/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        return json(request).path("access_token").asString();
    }

    /** Messages the mailbox sent since the simulator started (its throttle's count; cheap to poll). */
    long sends(String mailbox) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(baseUrl + "/_sim/mailboxes/" + mailbox + "/stats"))
                .GET()
                .build();
        return json(request).path("sends").asLong(0);
    }

    private static JsonNode json(HttpRequest request) throws Exception {
        var response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        expect(response, 200);
        return JSON.readTree(response.body());
    }

    private void put(String path, String json) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json))
                .build();
        expect(CLIENT.send(request, HttpResponse.BodyHandlers.ofString()), 204);
    }

    private static void expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status && !(status == 204 && response.statusCode() == 200)) {
            throw new IllegalStateException(
                    response.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
    }
}
