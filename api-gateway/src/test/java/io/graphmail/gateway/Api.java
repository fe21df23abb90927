package io.graphmail.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls the gateway over real HTTP, as a client would. */
public final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;
    private final String apiKey;

    public Api(int port, String apiKey) {
        this.baseUrl = "http://127.0.0.1:" + port;
        this.apiKey = apiKey;
    }

    public Response post(String path, String json, String... headers) {
        return send(request(path, headers).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** POSTs a body as given: no JSON content type unless the headers name one. */
    public Response postBody(String path, HttpRequest.BodyPublisher body, String... headers) {
        var builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).POST(body);
        if (apiKey != null) {
            builder.header("Authorization", "Bearer " + apiKey);
        }
        for (int i = 0; i < headers.length; i += 2) {
            builder.setHeader(headers[i], headers[i + 1]);
        }
        return send(builder);
    }

    /** Any method, with a JSON body for those that carry one. */
    public Response send(String method, String path, String json) {
        var body = method.equals("GET") || method.equals("DELETE")
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json);
        return send(request(path).method(method, body));
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    public Response get(String path, String... headers) {
        return send(request(path, headers).GET());
    }

    private HttpRequest.Builder request(String path, String... headers) {
        var builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json");
        if (apiKey != null) {
            builder.header("Authorization", "Bearer " + apiKey);
        }
        for (int i = 0; i < headers.length; i += 2) {
            builder.setHeader(headers[i], headers[i + 1]);
        }
        return builder;
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            JsonNode json = body == null || body.isBlank() || !body.trim().startsWith("{") ? null : JSON.readTree(body);
            return new Response(response.statusCode(), response.headers(), json, body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, HttpHeaders headers, JsonNode json, String body) {

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String text(String field) {
            JsonNode value = json.get(field);
            return value == null || value.isNull() ? null : value.asString();
        }
    }
}
