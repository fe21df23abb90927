package io.graphmail.simulator;

import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.authentication.AccessTokenProvider;
import com.microsoft.kiota.authentication.AllowedHostsValidator;
import com.microsoft.kiota.authentication.BaseBearerTokenAuthenticationProvider;
import java.net.URI;
import java.util.Map;
import okhttp3.OkHttpClient;

/** The Microsoft Graph SDK's client pointed at the simulator, with the simulator's static token. */
final class SdkClients {

    private SdkClients() {}

    /** The client as the SDK builds it by default. */
    static GraphServiceClient forSimulator(int port) {
        return pointedAt(port, new GraphServiceClient(tokens()));
    }

    /** The client over the given HTTP client, e.g. one with other timeouts or retries. */
    static GraphServiceClient forSimulator(int port, OkHttpClient.Builder http) {
        return pointedAt(port, new GraphServiceClient(tokens(), http.build()));
    }

    private static GraphServiceClient pointedAt(int port, GraphServiceClient client) {
        client.getRequestAdapter().setBaseUrl("http://127.0.0.1:" + port + "/v1.0");
        return client;
    }

    private static BaseBearerTokenAuthenticationProvider tokens() {
        return new BaseBearerTokenAuthenticationProvider(new SimulatorTokens());
    }

    /** Hands the static token to the simulator's hosts only; Kiota compares the URI's host, without its port. */
    private static final class SimulatorTokens implements AccessTokenProvider {

        private final AllowedHostsValidator hosts = new AllowedHostsValidator("localhost", "127.0.0.1");

        @Override
        public String getAuthorizationToken(URI uri, Map<String, Object> context) {
            return hosts.isUrlHostValid(uri) ? SimulatorHttp.TOKEN : "";
        }

        @Override
        public AllowedHostsValidator getAllowedHostsValidator() {
            return hosts;
        }
    }
}
