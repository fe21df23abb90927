package io.graphmail.simulator;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Apps and tokens got the way clients get them, through the simulator's identity endpoints. */
public final class SimulatorIdentity {

    /** The secret of every app registered here. */
    static final String SECRET = "sim-secret";

    private final SimulatorHttp http;

    public SimulatorIdentity(SimulatorHttp http) {
        this.http = http;
    }

    /** Registers an app; {@code permissions} are JSON members such as {@code "applicationPermissions": ["Mail.Read"]}. */
    public SimulatorHttp.Response registerApp(String clientId, String permissions) {
        return http.post(
                "/_sim/identity/apps",
                "{\"clientId\": \"" + clientId + "\", \"clientSecret\": \"" + SECRET + "\", " + permissions + "}");
    }

    /** The app's access token for Graph from the client credentials grant at {@code tenant}'s authority. */
    public String appToken(String tenant, String clientId) {
        return clientCredentials(tenant, clientId, SECRET, "https://graph.microsoft.com/.default")
                .json()
                .path("access_token")
                .asString();
    }

    /** The token endpoint's answer to the client credentials grant for {@code scope} at {@code tenant}'s authority. */
    public SimulatorHttp.Response clientCredentials(String tenant, String clientId, String secret, String scope) {
        return http.postForm(
                "/" + tenant + "/oauth2/v2.0/token",
                Map.of(
                        "grant_type",
                        "client_credentials",
                        "client_id",
                        clientId,
                        "client_secret",
                        secret,
                        "scope",
                        scope));
    }

    /** The token response of the device code flow for the app and scopes, consented to as {@code mailbox}. */
    public JsonNode deviceCodeTokens(String clientId, String scopes, String mailbox) {
        var flow = http.postForm(
                        "/organizations/oauth2/v2.0/devicecode", Map.of("client_id", clientId, "scope", scopes))
                .json();
        http.post("/_sim/consent/" + flow.path("user_code").asString(), "{\"mailbox\": \"" + mailbox + "\"}");
        return http.postForm(
                        "/organizations/oauth2/v2.0/token",
                        Map.of(
                                "grant_type",
                                "device_code",
                                "client_id",
                                clientId,
                                "device_code",
                                flow.path("device_code").asString()))
                .json();
    }

    /** The access token of {@link #deviceCodeTokens}. */
    public String delegated(String clientId, String scopes, String mailbox) {
        return deviceCodeTokens(clientId, scopes, mailbox).path("access_token").asString();
    }
}
