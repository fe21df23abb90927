package io.graphmail.gateway.security.filterchain;

import com.nimbusds.jwt.JWTParser;
import io.graphmail.platform.tls.TrustedCertificates;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.client.RestTemplate;

/**
 * The {@link JwtDecoder} for {@link OidcProperties}: RS256 signatures against the provider's key set (fetched over
 * HTTPS, cached and refreshed by Nimbus when an unknown {@code kid} shows up), then issuer, expiry and audience. The
 * provider is first asked on the first token, so the gateway starts while it is unreachable.
 */
final class OidcDecoders {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private OidcDecoders() {}

    static JwtDecoder decoder(OidcProperties properties) {
        if (properties.audiences().isEmpty()) {
            throw new IllegalStateException("graphmail.security.oidc.audiences must name this API (for Entra ID: its"
                    + " client id), or tokens issued for any API of the tenant would be accepted");
        }
        var decoder = SingletonSupplier.of(() -> build(properties));
        return token -> {
            refuseMalformed(token);
            try {
                return decoder.obtain().decode(token);
            } catch (JwtException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new JwtException("The identity provider cannot be asked for its keys: " + e.getMessage());
            }
        };
    }

    /** Before the provider is asked anything: a token that is no JWT is the client's fault, whatever the provider. */
    private static void refuseMalformed(String token) {
        try {
            JWTParser.parse(token);
        } catch (ParseException e) {
            throw new BadJwtException("it is not a well-formed JWT");
        }
    }

    private static NimbusJwtDecoder build(OidcProperties properties) {
        String issuer = properties.issuerUri().toString();
        var builder = properties.jwkSetUri() != null
                ? NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri().toString())
                : NimbusJwtDecoder.withIssuerLocation(issuer);
        NimbusJwtDecoder decoder = builder.restOperations(restOperations(properties.trustedCertificate()))
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(List.of(
                new JwtTimestampValidator(properties.clockSkew()),
                new JwtIssuerValidator(issuer),
                new JwtClaimValidator<List<String>>(
                        JwtClaimNames.AUD,
                        audiences ->
                                audiences != null && audiences.stream().anyMatch(properties.audiences()::contains)))));
        return decoder;
    }

    private static RestTemplate restOperations(Path trustedCertificate) {
        var http = HttpClient.newBuilder().connectTimeout(TIMEOUT);
        if (trustedCertificate != null) {
            http.sslContext(TrustedCertificates.sslContext(trustedCertificate));
        }
        var requests = new JdkClientHttpRequestFactory(http.build());
        requests.setReadTimeout(TIMEOUT);
        return new RestTemplate(requests);
    }
}
