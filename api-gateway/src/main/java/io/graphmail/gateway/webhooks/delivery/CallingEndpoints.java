package io.graphmail.gateway.webhooks.delivery;

import io.graphmail.gateway.webhooks.endpoints.WebhookProperties;
import io.graphmail.gateway.webhooks.targets.GuardedDnsResolver;
import io.graphmail.gateway.webhooks.targets.Targets;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Posts signed events to endpoints. Apache HttpClient rather than the JDK's because it lets the resolver be
 * replaced ({@link GuardedDnsResolver}) while TLS still checks the endpoint's host name. Redirects are not
 * followed (a 3xx is a failure); connecting and every read are bounded by the timeout.
 */
@Component
class CallingEndpoints implements DisposableBean {

    private final CloseableHttpClient client;

    CallingEndpoints(WebhookProperties properties, Targets targets) {
        Timeout timeout = Timeout.of(properties.timeout());
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new GuardedDnsResolver(targets))
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(timeout)
                        .setSocketTimeout(timeout)
                        .build())
                .setMaxConnTotal(properties.concurrency())
                .setMaxConnPerRoute(properties.perEndpoint())
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .setUserAgent("graphmail-webhooks/1")
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(timeout)
                        .setConnectionRequestTimeout(timeout)
                        .build())
                .build();
    }

    Attempt post(String url, String eventId, List<String> secrets, String body) {
        long timestamp = Instant.now().getEpochSecond();
        var post = new HttpPost(URI.create(url));
        post.setHeader("webhook-id", eventId);
        post.setHeader("webhook-timestamp", Long.toString(timestamp));
        post.setHeader("webhook-signature", Signatures.header(secrets, eventId, timestamp, body));
        post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        try {
            int status = client.execute(post, response -> response.getCode());
            if (status >= 200 && status < 300) {
                return new Attempt.Delivered(status);
            }
            return status == 410 ? new Attempt.Gone() : new Attempt.Failed(status, "HTTP " + status);
        } catch (IOException e) {
            return new Attempt.Failed(null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    @Override
    public void destroy() throws IOException {
        client.close();
    }
}
