package io.graphmail.gateway.security.filterchain;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/** Refusals without a provider at hand: what a client hears when the token or the provider is at fault. */
class AccessTokenAuthenticationProviderTests {

    private static final String SOME_JWT = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsiLCJ0eXAiOiJKV1QifQ"
            + ".eyJhdWQiOiJhcGkiLCJpc3MiOiJodHRwczovL2lzc3Vlci5leGFtcGxlL3YyLjAifQ.c2lnbmF0dXJl";

    @Test
    void anUnreachableProviderIsAServiceFailureNotAnError() throws IOException {
        var provider = provider(unusedPort());

        assertThatThrownBy(() -> provider.authenticate(new BearerTokenAuthenticationToken(SOME_JWT)))
                .isInstanceOf(AuthenticationServiceException.class)
                .hasMessage("The access token cannot be checked now");
    }

    @Test
    void aMalformedTokenIsRefusedWithoutEchoingIt() throws IOException {
        var provider = provider(unusedPort());
        String malformed = "eyJnot-json.eyJnot-json.x";

        assertThatThrownBy(() -> provider.authenticate(new BearerTokenAuthenticationToken(malformed)))
                .isInstanceOf(BadCredentialsException.class)
                .hasMessageStartingWith("The access token is not valid")
                .hasMessageNotContaining(malformed);
    }

    @Test
    void anIssuerWithoutAudienceIsAConfigurationError() {
        assertThatThrownBy(() -> OidcDecoders.decoder(properties(1, List.of())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("audiences");
    }

    private static AccessTokenAuthenticationProvider provider(int port) {
        var properties = properties(port, List.of("api"));
        return new AccessTokenAuthenticationProvider(OidcDecoders.decoder(properties), new TokenClients(properties));
    }

    private static OidcProperties properties(int port, List<String> audiences) {
        return new OidcProperties(
                URI.create("http://127.0.0.1:" + port + "/tenant/v2.0"),
                null,
                audiences,
                "roles",
                Map.of(),
                List.of("azp"),
                Map.of(),
                Duration.ofSeconds(60),
                null);
    }

    private static int unusedPort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
