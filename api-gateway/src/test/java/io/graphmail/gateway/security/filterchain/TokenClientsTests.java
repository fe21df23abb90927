package io.graphmail.gateway.security.filterchain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.graphmail.gateway.security.ApiClient;
import io.graphmail.gateway.security.Scope;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.oauth2.jwt.Jwt;

/** How a validated token's claims become an {@link ApiClient}. */
class TokenClientsTests {

    private static final Map<String, String> MAPPING =
            Map.of("Graphmail.Send", "mail:send", "graphmail.read", "mail:read", "Mail.Manage", "accounts:manage");

    @Test
    void mapsAppRolesCaseInsensitivelyAndIgnoresUnmappedOnes() {
        var client = client(
                properties("roles", Map.of()),
                Map.of("azp", "app-1", "roles", List.of("GRAPHMAIL.SEND", "Graphmail.Read", "Other")));

        assertThat(client.id()).isEqualTo("oidc:app-1");
        assertThat(client.scopes()).containsExactlyInAnyOrder(Scope.MAIL_SEND, Scope.MAIL_READ);
        assertThat(client.accounts()).isEmpty();
    }

    @Test
    void readsDelegatedScopesFromASpaceSeparatedScpClaim() {
        var client = client(
                properties("scp", Map.of()), Map.of("azp", "app-1", "scp", "Graphmail.Send  Mail.Manage openid"));

        assertThat(client.scopes()).containsExactlyInAnyOrder(Scope.MAIL_SEND, Scope.ACCOUNTS_MANAGE);
    }

    @Test
    void aTokenWithoutTheClaimHasNoScopes() {
        var client = client(properties("roles", Map.of()), Map.of("azp", "app-1", "scp", "Graphmail.Send"));

        assertThat(client.scopes()).isEmpty();
    }

    @Test
    void namesTheClientByTheFirstClaimPresent() {
        assertThat(client(properties("roles", Map.of()), Map.of("appid", "v1-app", "sub", "principal"))
                        .id())
                .isEqualTo("oidc:v1-app");
        assertThat(client(properties("roles", Map.of()), Map.of("sub", "principal"))
                        .id())
                .isEqualTo("oidc:principal");
        assertThatThrownBy(() -> client(properties("roles", Map.of()), Map.of("tid", "t")))
                .isInstanceOf(BadCredentialsException.class)
                .hasMessageContaining("azp, appid, sub");
    }

    @Test
    void givesEachClientItsConfiguredAccountsAndThoseOfEveryClient() {
        var accounts = Map.of("app-1", List.of("acc-1"), "*", List.of("shared"));

        assertThat(client(properties("roles", accounts), Map.of("azp", "APP-1")).accounts())
                .containsExactlyInAnyOrder("acc-1", "shared");
        assertThat(client(properties("roles", accounts), Map.of("azp", "app-2")).accounts())
                .containsExactly("shared");
    }

    @Test
    void refusesToStartWithAMappingToAnUnknownScope() {
        var properties = new OidcProperties(
                URI.create("https://issuer.example/v2.0"),
                null,
                List.of("api"),
                "roles",
                Map.of("Graphmail.Send", "mail:sendd"),
                List.of("azp"),
                Map.of(),
                Duration.ofSeconds(60),
                null);

        assertThatThrownBy(() -> new TokenClients(properties))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mail:sendd");
    }

    @Test
    void anEmptyIssuerLeavesAccessTokensOff() {
        var empty = new OidcProperties(
                URI.create(""), null, List.of(), "roles", Map.of(), List.of(), Map.of(), Duration.ZERO, null);

        assertThat(empty.enabled()).isFalse();
        assertThat(properties("roles", Map.of()).enabled()).isTrue();
    }

    private static ApiClient client(OidcProperties properties, Map<String, Object> claims) {
        var jwt = Jwt.withTokenValue("token")
                .header("alg", "RS256")
                .claims(all -> all.putAll(claims))
                .issuedAt(Instant.now())
                .build();
        return (ApiClient) new TokenClients(properties).convert(jwt).getPrincipal();
    }

    private static OidcProperties properties(String scopesClaim, Map<String, List<String>> accounts) {
        return new OidcProperties(
                URI.create("https://issuer.example/v2.0"),
                null,
                List.of("api"),
                scopesClaim,
                MAPPING,
                List.of("azp", "appid", "sub"),
                accounts,
                Duration.ofSeconds(60),
                null);
    }
}
