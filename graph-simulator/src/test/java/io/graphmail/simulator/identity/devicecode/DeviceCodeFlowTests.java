package io.graphmail.simulator.identity.devicecode;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.aad.msal4j.DeviceCodeFlowParameters;
import com.microsoft.aad.msal4j.IAccount;
import com.microsoft.aad.msal4j.SilentParameters;
import io.graphmail.simulator.SimulatorTests;
import io.graphmail.simulator.identity.TenantIds;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The real msal4j signs in with the device code flow against the simulator. */
class DeviceCodeFlowTests extends SimulatorTests {

    static final String CLIENT_ID = "0b8b4d5c-6c9e-4f57-9a53-2c3f7e1a9d10";
    static final Set<String> SCOPES =
            Set.of("https://graph.microsoft.com/Mail.Send", "https://graph.microsoft.com/Mail.Read");

    @Test
    void signsInOnceTheUserConsentsAndCachesTheAccount() throws Exception {
        var msal = publicClient(CLIENT_ID, "consumers");
        var userCode = new CompletableFuture<String>();
        var result = msal.acquireToken(
                DeviceCodeFlowParameters.builder(SCOPES, deviceCode -> userCode.complete(deviceCode.userCode()))
                        .build());

        String code = userCode.get(10, SECONDS);
        await().atMost(10, SECONDS).until(() -> tokenRequests("device_code") >= 1);
        assertThat(result).isNotDone();
        assertThat(http.post("/_sim/consent/" + code, "{\"mailbox\": \"Ada@Example.com\"}")
                        .status())
                .isEqualTo(200);

        var signedIn = result.get(10, SECONDS);
        assertThat(signedIn.account().username()).isEqualTo("ada@example.com");
        assertThat(signedIn.account().homeAccountId()).endsWith("." + TenantIds.CONSUMERS);
        assertThat(msal.getAccounts().join()).extracting(IAccount::username).containsExactly("ada@example.com");
        assertThat(http.get("/v1.0/me/messages", signedIn.accessToken()).status())
                .isEqualTo(200);
        assertThat(http.get("/_sim/requests").json().path("counts").propertyNames())
                .as("msal4j asks for no discovery document")
                .containsExactlyInAnyOrder(
                        "POST /consumers/oauth2/v2.0/devicecode",
                        "POST /consumers/oauth2/v2.0/token",
                        "GET /v1.0/me/messages");
    }

    @Test
    void silentCallsAnswerFromMsalsCacheAfterwards() throws Exception {
        var msal = publicClient(CLIENT_ID, "organizations");
        var signedIn = signIn(msal, SCOPES, "ada@contoso.com");
        IAccount account = msal.getAccounts().join().iterator().next();

        var silent = msal.acquireTokenSilently(
                        SilentParameters.builder(SCOPES, account).build())
                .get(10, SECONDS);

        assertThat(silent.accessToken()).isEqualTo(signedIn.accessToken());
        assertThat(http.get("/_sim/identity/stats").json().propertyNames()).containsExactly("device_code");
    }

    @Test
    void idTokenCarriesTheClaimsMsalReads() throws Exception {
        var msal = publicClient(CLIENT_ID, "organizations");
        var signedIn = signIn(msal, SCOPES, "ada@contoso.com");

        var claims = JsonMapper.builder()
                .build()
                .readTree(Base64.getUrlDecoder().decode(signedIn.idToken().split("\\.")[1]));
        String tenantId = claims.path("tid").asString();
        assertThat(tenantId)
                .as("organizations: the tenant of the user's domain")
                .isNotEqualTo(TenantIds.CONSUMERS)
                .isEqualTo(TenantIds.forUser("organizations", "someone.else@contoso.com"));
        assertThat(claims.path("aud").asString()).isEqualTo(CLIENT_ID);
        assertThat(claims.path("iss").asString())
                .isEqualTo("https://localhost:" + httpsPort.port() + "/" + tenantId + "/v2.0");
        assertThat(claims.path("preferred_username").asString()).isEqualTo("ada@contoso.com");
        assertThat(claims.path("name").asString()).isEqualTo("ada");
        assertThat(claims.path("ver").asString()).isEqualTo("2.0");
        assertThat(claims.path("exp").asLong()).isGreaterThan(claims.path("iat").asLong());
        assertThat(signedIn.account().homeAccountId())
                .isEqualTo(claims.path("oid").asString() + "." + tenantId);
    }

    @Test
    void startsAFlowWithAUserCodeAndPollingHints() {
        var response = http.postForm(
                "/common/oauth2/v2.0/devicecode", Map.of("client_id", CLIENT_ID, "scope", "openid Mail.Send"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("user_code").asString()).matches("[A-Z2-9]{9}");
        assertThat(response.json().path("verification_uri").asString()).isEqualTo("https://microsoft.com/devicelogin");
        assertThat(response.json().path("expires_in").asLong()).isEqualTo(900);
        assertThat(response.json().path("interval").asLong()).isEqualTo(1);
        assertThat(response.json().path("message").asString())
                .contains(response.json().path("user_code").asString());
        assertThat(http.get("/_sim/identity/device-codes")
                        .json()
                        .path("value")
                        .get(0)
                        .path("userCode")
                        .asString())
                .isEqualTo(response.json().path("user_code").asString());
    }

    @Test
    void answersAuthorizationPendingUntilConsent() {
        var flow = http.postForm(
                        "/consumers/oauth2/v2.0/devicecode",
                        Map.of("client_id", CLIENT_ID, "scope", "Mail.Send Mail.Read"))
                .json();
        var poll = Map.of(
                "grant_type",
                "urn:ietf:params:oauth:grant-type:device_code",
                "client_id",
                CLIENT_ID,
                "device_code",
                flow.path("device_code").asString());

        var pending = http.postForm("/consumers/oauth2/v2.0/token", poll);
        assertThat(pending.status()).isEqualTo(400);
        assertThat(pending.oauthError()).isEqualTo("authorization_pending");
        assertThat(pending.json().path("error_codes").get(0).asLong()).isEqualTo(70016);
        assertThat(pending.json().path("error_description").asString()).startsWith("AADSTS70016:");
        assertThat(pending.json().path("trace_id").asString()).isNotBlank();
        assertThat(pending.json().path("correlation_id").asString()).isNotBlank();
        assertThat(pending.json().path("timestamp").asString()).isNotBlank();

        http.post("/_sim/consent/" + flow.path("user_code").asString().toLowerCase(), "");
        var granted = http.postForm("/consumers/oauth2/v2.0/token", poll);
        assertThat(granted.status()).isEqualTo(200);
        assertThat(granted.json().path("token_type").asString()).isEqualTo("Bearer");
        assertThat(granted.json().path("scope").asString()).isEqualTo("Mail.Send Mail.Read");
        assertThat(granted.json().path("expires_in").asLong()).isEqualTo(3600);
        assertThat(granted.json().path("ext_expires_in").asLong()).isEqualTo(3600);
        assertThat(granted.json().path("refresh_token").asString()).isNotBlank();
        String clientInfo = new String(
                Base64.getUrlDecoder().decode(granted.json().path("client_info").asString()), StandardCharsets.UTF_8);
        assertThat(clientInfo).contains("\"utid\":\"" + TenantIds.CONSUMERS + "\"");
        assertThat(http.get(
                                "/v1.0/users/me@graphmail.local/messages",
                                granted.json().path("access_token").asString())
                        .status())
                .as("the default mailbox consents when the consent names nobody")
                .isEqualTo(200);

        assertThat(http.postForm("/consumers/oauth2/v2.0/token", poll).oauthError())
                .as("a device code is redeemed once")
                .isEqualTo("invalid_grant");
    }

    @Test
    void refusesConsentForUnknownUserCodes() {
        var response = http.post("/_sim/consent/NOSUCHCODE", "{\"mailbox\": \"ada@example.com\"}");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.errorCode()).isEqualTo("ErrorItemNotFound");
    }

    @Test
    void refusesTokenRequestsWithoutRequiredFields() {
        var response = http.postForm("/consumers/oauth2/v2.0/token", Map.of("grant_type", "device_code"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.oauthError()).isEqualTo("invalid_request");
        assertThat(response.json().path("error_description").asString()).contains("'device_code'");
        assertThat(http.postForm("/consumers/oauth2/v2.0/token", Map.of("grant_type", "password"))
                        .oauthError())
                .isEqualTo("unsupported_grant_type");
    }

    private int tokenRequests(String grantType) {
        return http.get("/_sim/identity/stats").json().path(grantType).asInt(0);
    }
}
