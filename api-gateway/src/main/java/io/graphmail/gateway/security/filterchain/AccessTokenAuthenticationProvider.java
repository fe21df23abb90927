package io.graphmail.gateway.security.filterchain;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;

/**
 * Checks a JWT access token with Spring Security's {@link JwtAuthenticationProvider} (signature against the provider's
 * key set, issuer, audience, expiry) and resolves it to its client with {@link TokenClients}. Refusals say why, never
 * the token.
 */
final class AccessTokenAuthenticationProvider implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(AccessTokenAuthenticationProvider.class);
    private static final String DECODER_PREFIX = "An error occurred while attempting to decode the Jwt: ";

    private final JwtAuthenticationProvider jwts;

    AccessTokenAuthenticationProvider(JwtDecoder decoder, TokenClients clients) {
        this.jwts = new JwtAuthenticationProvider(decoder);
        this.jwts.setJwtAuthenticationConverter(clients);
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        try {
            return jwts.authenticate(authentication);
        } catch (InvalidBearerTokenException e) {
            throw new BadCredentialsException("The access token is not valid: " + reason(e.getMessage()));
        } catch (AuthenticationServiceException e) {
            log.warn("Access tokens cannot be checked: {}", e.getMessage());
            throw new AuthenticationServiceException("The access token cannot be checked now");
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static String reason(String message) {
        return message != null && message.startsWith(DECODER_PREFIX)
                ? message.substring(DECODER_PREFIX.length())
                : String.valueOf(message);
    }
}
