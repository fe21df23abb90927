package io.graphmail.simulator.identity.tokens;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.microsoft.aad.msal4j.IAccount;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.MsalInteractionRequiredException;
import com.microsoft.aad.msal4j.PublicClientApplication;
import com.microsoft.aad.msal4j.SilentParameters;
import io.graphmail.simulator.MsalClients;
import io.graphmail.simulator.SimulatorTests;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Refresh tokens rotate on every use and die with revocation; msal4j reacts as it does against Entra ID. */
class RefreshTokenTests extends SimulatorTests {

    static final String CLIENT_ID = "7d4e1f2a-3b5c-4d6e-9f80-1a2b3c4d5e6f";
    static final String MAILBOX = "ada@example.com";
    static final Set<String> SCOPES = Set.of("https://graph.microsoft.com/Mail.Read");

    PublicClientApplication msal;

    @BeforeEach
    void signInAsTheMailbox() throws Exception {
        msal = publicClient(CLIENT_ID, "consumers");
        signIn(msal, SCOPES, MAILBOX);
    }

    @Test
    void refreshesWithARotatedRefreshTokenOnceAccessTokensExpire() throws Exception {
        String firstAccessToken = silent(false).accessToken();
        String firstRefreshToken = MsalClients.cachedRefreshToken(msal);

        assertThat(http.post("/_sim/identity/expire-access-tokens", "")
                        .json()
                        .path("expired")
                        .asInt())
                .isEqualTo(1);
        var rejected = http.get("/v1.0/me/messages", firstAccessToken);
        assertThat(rejected.status()).isEqualTo(401);
        assertThat(rejected.errorCode()).isEqualTo("InvalidAuthenticationToken");
        assertThat(silent(false).accessToken())
                .as("msal4j trusts its cached expiry: a client must force a refresh after a 401")
                .isEqualTo(firstAccessToken);

        var refreshed = silent(true);

        assertThat(refreshed.accessToken()).isNotEqualTo(firstAccessToken);
        assertThat(http.get("/v1.0/me/messages", refreshed.accessToken()).status())
                .isEqualTo(200);
        assertThat(tokenRequests()).containsEntry("refresh_token", 1L);
        assertThat(MsalClients.cachedRefreshToken(msal)).isNotEqualTo(firstRefreshToken);
        var replay = http.postForm(
                "/consumers/oauth2/v2.0/token",
                Map.of("grant_type", "refresh_token", "client_id", CLIENT_ID, "refresh_token", firstRefreshToken));
        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.oauthError()).isEqualTo("invalid_grant");
        assertThat(replay.json().path("error_codes").get(0).asLong()).isEqualTo(70000);
        assertThat(silent(false).accessToken())
                .as("the refreshed token is cached")
                .isEqualTo(refreshed.accessToken());
        assertThat(tokenRequests()).containsEntry("refresh_token", 2L);
    }

    @Test
    void revocationEndsSilentSignIn() throws Exception {
        String accessToken = silent(false).accessToken();

        var revoked = http.post("/_sim/identity/revoke", "{\"mailbox\": \"ADA@example.com\"}");

        assertThat(revoked.json().path("refreshTokens").asInt()).isEqualTo(1);
        assertThat(revoked.json().path("accessTokens").asInt()).isEqualTo(1);
        assertThat(http.get("/v1.0/me/messages", accessToken).status()).isEqualTo(401);
        var failure = catchThrowable(() -> silent(true));
        assertThat(failure)
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(MsalInteractionRequiredException.class);
    }

    @Test
    void refusesARefreshTokenOfAnotherApp() {
        String refreshToken = MsalClients.cachedRefreshToken(msal);

        var response = http.postForm(
                "/consumers/oauth2/v2.0/token",
                Map.of("grant_type", "refresh_token", "client_id", "another-app", "refresh_token", refreshToken));

        assertThat(response.oauthError()).isEqualTo("invalid_grant");
        assertThat(http.postForm(
                                "/consumers/oauth2/v2.0/token",
                                Map.of(
                                        "grant_type",
                                        "refresh_token",
                                        "client_id",
                                        CLIENT_ID,
                                        "refresh_token",
                                        refreshToken,
                                        "scope",
                                        "Mail.Read offline_access"))
                        .json()
                        .path("scope")
                        .asString())
                .as("the token still works for its own app")
                .isEqualTo("Mail.Read offline_access");
    }

    private IAuthenticationResult silent(boolean forceRefresh) throws Exception {
        IAccount account = msal.getAccounts().join().iterator().next();
        return msal.acquireTokenSilently(SilentParameters.builder(SCOPES, account)
                        .authorityUrl(msal.authority())
                        .forceRefresh(forceRefresh)
                        .build())
                .get(10, SECONDS);
    }

    private Map<String, Long> tokenRequests() {
        var stats = http.get("/_sim/identity/stats").json();
        return stats.propertyNames().stream()
                .collect(Collectors.toMap(name -> name, name -> stats.path(name).asLong()));
    }
}
