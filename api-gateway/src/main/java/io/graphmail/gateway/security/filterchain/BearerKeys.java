package io.graphmail.gateway.security.filterchain;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Reads {@code Authorization: Bearer <key>}. No header means no authentication attempt (the request then
 * needs none or gets 401); a header in another form is refused rather than ignored. When access tokens are accepted,
 * a bearer value shaped like a JWT ({@code eyJ...}, three dot-separated parts) is one; anything else is an API key.
 */
final class BearerKeys implements AuthenticationConverter {

    private static final String BEARER = "bearer ";
    private static final int LONGEST_KEY = 512;
    private static final int LONGEST_TOKEN = 16 * 1024;

    private final boolean acceptsAccessTokens;

    BearerKeys() {
        this(false);
    }

    BearerKeys(boolean acceptsAccessTokens) {
        this.acceptsAccessTokens = acceptsAccessTokens;
    }

    @Override
    public Authentication convert(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            return null;
        }
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new BadCredentialsException("Authorization must be 'Bearer <API key>'");
        }
        String key = header.substring(BEARER.length()).trim();
        if (acceptsAccessTokens && looksLikeJwt(key)) {
            if (key.length() > LONGEST_TOKEN) {
                throw new BadCredentialsException("The access token is too long");
            }
            return new BearerTokenAuthenticationToken(key);
        }
        if (key.isEmpty() || key.length() > LONGEST_KEY) {
            throw new BadCredentialsException("The API key is not valid");
        }
        return ApiKeyAuthentication.presented(key);
    }

    private static boolean looksLikeJwt(String value) {
        return value.startsWith("eyJ") && value.chars().filter(c -> c == '.').count() == 2;
    }
}
