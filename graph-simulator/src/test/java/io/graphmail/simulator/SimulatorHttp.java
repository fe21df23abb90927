package io.graphmail.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Plain HTTP calls to a running simulator, with the static token on Graph paths unless told otherwise. */
public final class SimulatorHttp {

    public static final String TOKEN = "sim-token";

    private final HttpClient client = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String base;

    public SimulatorHttp(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public String base() {
        return base;
    }

    public Response get(String path) {
        return send(request(path, TOKEN).GET());
    }

    /** A Graph call with extra headers, given as name-value pairs; a name may repeat. */
    public Response getWithHeaders(String path, String... headers) {
        return send(request(path, TOKEN).GET().headers(headers));
    }

    /** Follows an absolute link, such as a next link or delta link, with extra headers as name-value pairs. */
    public Response getAbsolute(String url, String... headers) {
        var request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + TOKEN);
        return send(headers.length == 0 ? request.GET() : request.GET().headers(headers));
    }

    public Response get(String path, String token) {
        return send(request(path, token).GET());
    }

    public Response post(String path, String body) {
        return send(
                request(path, TOKEN).header("Content-Type", "application/json").POST(bodyOf(body)));
    }

    public Response post(String path, String body, String token) {
        return send(
                request(path, token).header("Content-Type", "application/json").POST(bodyOf(body)));
    }

    /** Posts a form, as OAuth clients do to the identity endpoints. */
    public Response postForm(String path, Map<String, String> form) {
        return postForm(path, form, null);
    }

    /** Posts a form with an {@code Authorization} header, e.g. client credentials as HTTP basic authentication. */
    public Response postForm(String path, Map<String, String> form, String authorization) {
        String body = form.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(bodyOf(body));
        return send(authorization == null ? request : request.header("Authorization", authorization));
    }

    public Response put(String path, String body) {
        return send(
                request(path, TOKEN).header("Content-Type", "application/json").PUT(bodyOf(body)));
    }

    /** PUTs raw bytes to an absolute URL, such as an upload URL: no token, the headers given as name-value pairs. */
    public Response putBytes(String url, byte[] body, String... headers) {
        var request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        return send(headers.length == 0 ? request : request.headers(headers));
    }

    /** Calls an absolute URL, such as an upload URL, with {@code method}, without a token. */
    public Response callAbsolute(String method, String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    public Response patch(String path, String body) {
        return send(
                request(path, TOKEN).header("Content-Type", "application/json").method("PATCH", bodyOf(body)));
    }

    /** Fetches raw bytes, such as an attachment's {@code $value}. */
    public HttpResponse<byte[]> getBytes(String path) {
        try {
            return client.send(request(path, TOKEN).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Calls {@code path} with any method, a JSON body (may be empty) and {@code token}. */
    public Response call(String method, String path, String body, String token) {
        return send(
                request(path, token).header("Content-Type", "application/json").method(method, bodyOf(body)));
    }

    public Response delete(String path) {
        return send(request(path, TOKEN).DELETE());
    }

    /** Has the simulator generate {@code count} messages in the mailbox's inbox; answers their ids. */
    public List<String> generate(String mailbox, int count) {
        return post("/_sim/mailboxes/" + mailbox + "/messages/generate", "{\"count\": " + count + "}")
                .json()
                .path("ids")
                .valueStream()
                .map(JsonNode::asString)
                .toList();
    }

    /** Forgets all mailboxes, faults, throttling and delta page limits, stats, request counts and identity state. */
    public void reset() {
        delete("/_sim/mailboxes");
        delete("/_sim/faults");
        delete("/_sim/limits");
        delete("/_sim/delta/limits");
        delete("/_sim/stats");
        delete("/_sim/requests");
        delete("/_sim/identity");
        delete("/_sim/identity/apis");
        delete("/_sim/subscriptions");
    }

    private HttpRequest.Builder request(String path, String token) {
        var builder = HttpRequest.newBuilder(URI.create(base + path));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static HttpRequest.BodyPublisher bodyOf(String body) {
        return HttpRequest.BodyPublishers.ofString(body);
    }

    private Response send(HttpRequest.Builder request) {
        try {
            var response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            boolean isJson = response.headers()
                    .firstValue("Content-Type")
                    .filter(type -> type.contains("json"))
                    .isPresent();
            JsonNode body = isJson && !response.body().isEmpty() ? json.readTree(response.body()) : null;
            return new Response(response.statusCode(), response.headers(), response.body(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, HttpHeaders headers, String text, JsonNode json) {

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        /** The OAuth error of an identity endpoint's answer, such as {@code invalid_grant}. */
        public String oauthError() {
            return json.path("error").asString();
        }

        public String errorCode() {
            return json.path("error").path("code").asString();
        }
    }
}
