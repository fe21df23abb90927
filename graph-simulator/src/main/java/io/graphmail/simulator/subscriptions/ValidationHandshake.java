package io.graphmail.simulator.subscriptions;

import io.graphmail.simulator.web.GraphErrorException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Graph's notification endpoint validation: a POST to the endpoint with a {@code validationToken} query parameter,
 * which must answer {@code 200} with the token as its {@code text/plain} body within the validation timeout. A
 * failure ends the subscription request with {@code 400}.
 */
@Component
class ValidationHandshake {

    private final HttpClient client;
    private final SubscriptionLimits limits;

    ValidationHandshake(HttpClient notificationClient, SubscriptionLimits limits) {
        this.client = notificationClient;
        this.limits = limits;
    }

    void validate(String endpoint) {
        String token =
                "Validation: Testing client application reachability for subscription Request-Id: " + UUID.randomUUID();
        HttpResponse<String> response;
        try {
            var request = HttpRequest.newBuilder(withToken(endpoint, token))
                    .timeout(limits.limits().validationTimeout())
                    .header("Content-Type", "text/plain; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build();
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw GraphErrorException.badRequest("InvalidRequest", "Subscription validation request timed out.");
        } catch (IOException | IllegalArgumentException e) {
            throw failed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed();
        }
        if (response.statusCode() != 200) {
            throw failed();
        }
        if (!token.equals(response.body())) {
            throw GraphErrorException.badRequest(
                    "ValidationError",
                    "Subscription validation request failed. Response must exactly match validationToken query"
                            + " parameter.");
        }
    }

    private static URI withToken(String endpoint, String token) {
        String separator = endpoint.contains("?") ? "&" : "?";
        return URI.create(endpoint + separator + "validationToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    private static GraphErrorException failed() {
        return GraphErrorException.badRequest(
                "ValidationError",
                "Subscription validation request failed. Notification endpoint must respond with 200 OK to validation"
                        + " request.");
    }
}
