package io.graphmail.worker.graph;

import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.RequestOption;
import com.microsoft.kiota.authentication.AccessTokenProvider;
import com.microsoft.kiota.authentication.AllowedHostsValidator;
import com.microsoft.kiota.authentication.BaseBearerTokenAuthenticationProvider;
import com.microsoft.kiota.http.middleware.options.RetryHandlerOption;
import io.graphmail.worker.accounts.tokens.TokenSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.OkHttpClient;
import org.springframework.stereotype.Component;

/** One {@link GraphServiceClient} per account, all sharing one HTTP connection pool. */
@Component
class GraphClients {

    private final GraphProperties properties;
    private final TokenSource tokens;
    private final OkHttpClient http;
    private final Map<String, GraphServiceClient> clients = new ConcurrentHashMap<>();

    GraphClients(GraphProperties properties, TokenSource tokens, MeterRegistry meterRegistry) {
        this.properties = properties;
        this.tokens = tokens;
        this.http = GraphClientFactory.create(new RequestOption[] {withoutRetries()})
                .callTimeout(properties.timeout())
                // OkHttp would otherwise repeat a POST whose connection dropped: a second send.
                .retryOnConnectionFailure(false)
                .addInterceptor(new PreferImmutableIds())
                // Reads only, and last: a read that met a closed idle connection goes again on a new one.
                .addInterceptor(new RetryingDroppedReads(meterRegistry))
                .build();
    }

    GraphServiceClient forAccount(String accountId) {
        return clients.computeIfAbsent(accountId, this::newClient);
    }

    void tokenRejected(String accountId) {
        tokens.invalidate(accountId);
    }

    private GraphServiceClient newClient(String accountId) {
        var authentication = new BaseBearerTokenAuthenticationProvider(new AccountTokens(accountId));
        var client = new GraphServiceClient(authentication, http);
        client.getRequestAdapter().setBaseUrl(properties.baseUrl().toString());
        return client;
    }

    /*
     * The SDK's retry handler sleeps on the consumer thread and hides attempts from us; retries go
     * through the broker's retry queue instead, where they are counted and do not block a worker.
     */
    private static RetryHandlerOption withoutRetries() {
        return new RetryHandlerOption((delay, attempt, request, response) -> false, 0, 0);
    }

    private final class AccountTokens implements AccessTokenProvider {

        private final String accountId;
        // The SDK only sends tokens to hosts it is told to trust; that is the configured Graph host.
        private final AllowedHostsValidator allowedHosts =
                new AllowedHostsValidator(properties.baseUrl().getHost());

        private AccountTokens(String accountId) {
            this.accountId = accountId;
        }

        @Override
        public String getAuthorizationToken(URI uri, Map<String, Object> additionalContext) {
            return allowedHosts.isUrlHostValid(uri) ? tokens.accessToken(accountId) : "";
        }

        @Override
        public AllowedHostsValidator getAllowedHostsValidator() {
            return allowedHosts;
        }
    }
}
