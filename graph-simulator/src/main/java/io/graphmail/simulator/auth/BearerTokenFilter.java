package io.graphmail.simulator.auth;

import io.graphmail.simulator.identity.TokenGrant;
import io.graphmail.simulator.web.GraphErrorResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriUtils;

/**
 * Checks the bearer token of Graph calls as Graph does: none, unknown or expired is 401 InvalidAuthenticationToken;
 * {@code /me} needs a signed-in user; {@code /users/{id}} another user's mailbox needs an application token (403
 * ErrorAccessDenied otherwise).
 */
@Component
@Order(BearerTokenFilter.ORDER)
class BearerTokenFilter extends OncePerRequestFilter {

    static final int ORDER = 20;

    private static final String GRAPH_ROOT = "/v1.0/";
    private static final String BEARER = "bearer ";

    private final AccessTokens tokens;
    private final GraphErrorResponses errors;

    BearerTokenFilter(AccessTokens tokens, GraphErrorResponses errors) {
        this.tokens = tokens;
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(GRAPH_ROOT);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<TokenGrant> grant = bearerToken(request).flatMap(tokens::grantFor);
        if (grant.isEmpty()) {
            String reason = bearerToken(request).isEmpty()
                    ? "Access token is empty."
                    : "Access token validation failure. Invalid audience.";
            errors.write(response, HttpServletResponse.SC_UNAUTHORIZED, "InvalidAuthenticationToken", reason);
            return;
        }
        if (grant.get().expiredAt(Instant.now())) {
            errors.write(
                    response,
                    HttpServletResponse.SC_UNAUTHORIZED,
                    "InvalidAuthenticationToken",
                    "Lifetime validation failed, the token is expired.");
            return;
        }
        String[] segments =
                request.getRequestURI().substring(GRAPH_ROOT.length()).split("/");
        if (segments[0].equals("me") && grant.get().me().isEmpty()) {
            errors.write(
                    response,
                    HttpServletResponse.SC_BAD_REQUEST,
                    "BadRequest",
                    "/me request is only valid with delegated authentication flow.");
            return;
        }
        Optional<String> user = segments[0].equals("users") && segments.length > 1
                ? Optional.of(UriUtils.decode(segments[1], StandardCharsets.UTF_8))
                : Optional.empty();
        if (user.isPresent() && !grant.get().mayAccess(user.get())) {
            errors.write(
                    response,
                    HttpServletResponse.SC_FORBIDDEN,
                    "ErrorAccessDenied",
                    "Access is denied. Check credentials and try again.");
            return;
        }
        user.or(() -> grant.get().me())
                .ifPresent(mailbox -> request.setAttribute(AuthenticatedMailbox.ATTRIBUTE, mailbox));
        chain.doFilter(request, response);
    }

    private static Optional<String> bearerToken(HttpServletRequest request) {
        return Optional.ofNullable(request.getHeader(HttpHeaders.AUTHORIZATION))
                .filter(header -> header.regionMatches(true, 0, BEARER, 0, BEARER.length()))
                .map(header -> header.substring(BEARER.length()).trim())
                .filter(token -> !token.isEmpty());
    }
}
