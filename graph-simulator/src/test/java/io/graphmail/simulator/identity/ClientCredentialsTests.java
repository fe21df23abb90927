package io.graphmail.simulator.identity;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.MsalServiceException;
import io.graphmail.simulator.SimulatorTests;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** Application tokens through msal4j's confidential client: any mailbox of the tenant, never {@code /me}. */
class ClientCredentialsTests extends SimulatorTests {

    static final String TENANT = "5b3a2c1d-0e9f-4a8b-b7c6-d5e4f3a2b1c0";
    static final String CLIENT_ID = "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b";
    static final Set<String> GRAPH_DEFAULT = Set.of("https://graph.microsoft.com/.default");
    static final String MAIL = """
            {"message": {"subject": "Invoice", "body": {"contentType": "Text", "content": "Attached."},
                         "toRecipients": [{"emailAddress": {"address": "bea@example.com"}}]}}
            """;

    @Test
    void appTokenSendsMailForAnyMailboxButNotForMe() throws Exception {
        grantPermissions("Mail.Send", "Mail.Read");
        String token = acquire("sim-secret").accessToken();

        assertThat(http.post("/v1.0/users/ada@example.com/sendMail", MAIL, token)
                        .status())
                .isEqualTo(202);
        assertThat(http.get("/_sim/mailboxes/ada@example.com/sent").json().path("value"))
                .hasSize(1);
        var me = http.get("/v1.0/me/messages", token);
        assertThat(me.status()).isEqualTo(400);
        assertThat(me.errorCode()).isEqualTo("BadRequest");
        assertThat(http.get("/_sim/identity/stats")
                        .json()
                        .path("client_credentials")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void anExpiredAppTokenIsReplacedWhenTheCacheIsSkipped() throws Exception {
        grantPermissions("Mail.Read");
        var msal = confidentialClient(CLIENT_ID, "sim-secret", TENANT);
        String first = msal.acquireToken(
                        ClientCredentialParameters.builder(GRAPH_DEFAULT).build())
                .get(10, SECONDS)
                .accessToken();

        http.post("/_sim/identity/expire-access-tokens", "");

        assertThat(http.get("/v1.0/users/ada@example.com/messages", first).status())
                .isEqualTo(401);
        String second = msal.acquireToken(ClientCredentialParameters.builder(GRAPH_DEFAULT)
                        .skipCache(true)
                        .build())
                .get(10, SECONDS)
                .accessToken();
        assertThat(second).isNotEqualTo(first);
        assertThat(http.get("/v1.0/users/ada@example.com/messages", second).status())
                .isEqualTo(200);
        assertThat(http.get("/_sim/identity/stats")
                        .json()
                        .path("client_credentials")
                        .asInt())
                .isEqualTo(2);
    }

    @Test
    void refusesAWrongSecret() {
        var failure = catchThrowable(() -> acquire("not-the-secret"));

        assertThat(failure).isInstanceOf(ExecutionException.class).cause().isInstanceOf(MsalServiceException.class);
        var error = (MsalServiceException) failure.getCause();
        assertThat(error.errorCode()).isEqualTo("invalid_client");
        assertThat(error.statusCode()).isEqualTo(401);
    }

    @Test
    void aRegisteredAppAcceptsOnlyItsOwnSecret() throws Exception {
        var registered = http.post(
                "/_sim/identity/apps",
                "{\"tenant\": \"" + TENANT + "\", \"clientId\": \"" + CLIENT_ID + "\", \"clientSecret\": \"s3cret\"}");
        assertThat(registered.status()).isEqualTo(201);

        assertThat(catchThrowable(() -> acquire("sim-secret"))).cause().isInstanceOf(MsalServiceException.class);
        assertThat(acquire("s3cret").accessToken()).isNotBlank();
        var elsewhere = http.postForm(
                "/contoso.onmicrosoft.com/oauth2/v2.0/token",
                Map.of(
                        "grant_type", "client_credentials",
                        "client_id", CLIENT_ID,
                        "client_secret", "s3cret",
                        "scope", "https://graph.microsoft.com/.default"));
        assertThat(elsewhere.oauthError()).isEqualTo("unauthorized_client");
    }

    @Test
    void acceptsTheSecretAsBasicAuthentication() {
        String basic = "Basic "
                + Base64.getEncoder().encodeToString((CLIENT_ID + ":sim-secret").getBytes(StandardCharsets.UTF_8));

        var response = http.postForm(
                "/" + TENANT + "/oauth2/v2.0/token",
                Map.of("grant_type", "client_credentials", "scope", "https://graph.microsoft.com/.default"),
                basic);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().has("refresh_token")).isFalse();
        assertThat(response.json().has("id_token")).isFalse();
    }

    @Test
    void refusesScopesOtherThanDefault() {
        var response = http.postForm(
                "/" + TENANT + "/oauth2/v2.0/token",
                Map.of(
                        "grant_type", "client_credentials",
                        "client_id", CLIENT_ID,
                        "client_secret", "sim-secret",
                        "scope", "https://graph.microsoft.com/Mail.Send"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.oauthError()).isEqualTo("invalid_scope");
    }

    /** Registers the app with the default secret and the application permissions an admin granted it. */
    private void grantPermissions(String... permissions) {
        var registered = http.post(
                "/_sim/identity/apps",
                "{\"clientId\": \"" + CLIENT_ID
                        + "\", \"clientSecret\": \"sim-secret\", \"applicationPermissions\": [\""
                        + String.join("\", \"", permissions) + "\"]}");
        assertThat(registered.status()).isEqualTo(201);
    }

    private IAuthenticationResult acquire(String secret) throws Exception {
        var msal = confidentialClient(CLIENT_ID, secret, TENANT);
        return msal.acquireToken(
                        ClientCredentialParameters.builder(GRAPH_DEFAULT).build())
                .get(10, SECONDS);
    }
}
