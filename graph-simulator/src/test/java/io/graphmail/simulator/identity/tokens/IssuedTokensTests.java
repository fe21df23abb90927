package io.graphmail.simulator.identity.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.simulator.identity.SignedInUser;
import io.graphmail.simulator.identity.TenantIds;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IssuedTokensTests {

    static final String CLIENT = "client";

    final IssuedTokens tokens = new IssuedTokens();
    final SignedInUser ada = SignedInUser.of("Ada@Example.com", null, "organizations");

    @Test
    void aRefreshTokenWorksOnceAndOnlyForItsApp() {
        String refreshToken = tokens.issueRefreshToken(refreshGrant());

        assertThat(tokens.redeem(refreshToken, "another-client")).isEmpty();
        assertThat(tokens.redeem(refreshToken, CLIENT))
                .hasValueSatisfying(grant -> assertThat(grant.user().mailbox()).isEqualTo("ada@example.com"));
        assertThat(tokens.redeem(refreshToken, CLIENT)).isEmpty();
    }

    @Test
    void revokingAMailboxForgetsItsTokensOnly() {
        String accessToken = tokens.issueAccessToken(delegated("ada@example.com"));
        String otherAccessToken = tokens.issueAccessToken(delegated("bea@example.com"));
        String appToken = tokens.issueAccessToken(new TokenGrant(
                TokenGrant.Kind.APPLICATION,
                null,
                "tenant",
                CLIENT,
                Set.of(),
                Instant.now().plusSeconds(60)));
        String refreshToken = tokens.issueRefreshToken(refreshGrant());

        var revoked = tokens.revoke("ADA@example.com");

        assertThat(revoked.refreshTokens()).isEqualTo(1);
        assertThat(revoked.accessTokens()).isEqualTo(1);
        assertThat(tokens.find(accessToken)).isEmpty();
        assertThat(tokens.redeem(refreshToken, CLIENT)).isEmpty();
        assertThat(tokens.find(otherAccessToken)).isPresent();
        assertThat(tokens.find(appToken)).isPresent();
    }

    @Test
    void expiringAccessTokensKeepsThemKnownButExpired() {
        String accessToken = tokens.issueAccessToken(delegated("ada@example.com"));

        assertThat(tokens.expireAccessTokens()).isEqualTo(1);

        assertThat(tokens.find(accessToken))
                .hasValueSatisfying(
                        grant -> assertThat(grant.expiredAt(Instant.now())).isTrue());
        assertThat(tokens.expireAccessTokens()).isZero();
    }

    @Test
    void grantsOpenMailboxesByKind() {
        var delegated = delegated("ada@example.com");
        var application = new TokenGrant(TokenGrant.Kind.APPLICATION, null, "t", CLIENT, Set.of(), Instant.MAX);
        var unrestricted = TokenGrant.unrestricted("me@graphmail.local");

        assertThat(delegated.mayAccess("ADA@example.com")).isTrue();
        assertThat(delegated.mayAccess("bea@example.com")).isFalse();
        assertThat(application.mayAccess("bea@example.com")).isTrue();
        assertThat(application.me()).isEmpty();
        assertThat(unrestricted.mayAccess("bea@example.com")).isTrue();
        assertThat(unrestricted.me()).contains("me@graphmail.local");
    }

    @Test
    void tenantIdsFollowTheAuthority() {
        assertThat(TenantIds.forUser("consumers", "ada@outlook.com")).isEqualTo(TenantIds.CONSUMERS);
        assertThat(TenantIds.forUser("organizations", "ada@contoso.com"))
                .isEqualTo(TenantIds.forUser("common", "bea@CONTOSO.com"))
                .isEqualTo(TenantIds.forApp("contoso.com"))
                .isNotEqualTo(TenantIds.forUser("organizations", "ada@fabrikam.com"));
        assertThat(TenantIds.forApp("5B3A2C1D-0E9F-4A8B-B7C6-D5E4F3A2B1C0"))
                .isEqualTo("5b3a2c1d-0e9f-4a8b-b7c6-d5e4f3a2b1c0");
    }

    private TokenGrant delegated(String mailbox) {
        return new TokenGrant(
                TokenGrant.Kind.DELEGATED,
                mailbox,
                "tenant",
                CLIENT,
                Set.of("Mail.Send"),
                Instant.now().plusSeconds(60));
    }

    private RefreshGrant refreshGrant() {
        return new RefreshGrant(ada, CLIENT, Set.of("Mail.Send"), Instant.now().plus(Duration.ofDays(1)));
    }
}
