package io.graphmail.simulator.auth;

import io.graphmail.simulator.SimulatorProperties;
import io.graphmail.simulator.identity.tokens.TokenGrant;
import io.graphmail.simulator.web.GraphErrorResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriUtils;

/**
 * Checks the bearer token of Graph calls as Graph does: none, unknown or expired is 401 InvalidAuthenticationToken;
 * {@code /me} needs a signed-in user; {@code /users/{id}} another user's mailbox needs an application token (403
 * ErrorAccessDenied otherwise); and the token must carry one of the permissions the endpoint's documented permission
 * table names ({@link GraphPermissions}; 403 ErrorAccessDenied otherwise).
 */
@Component
@Order(BearerTokenFilter.ORDER)
class BearerTokenFilter extends OncePerRequestFilter {

    static final int ORDER = 20;

    private static final String GRAPH_ROOT = "/v1.0/";
    private static final String BEARER = "bearer ";

    private final AccessTokens tokens;
    private final GraphErrorResponses errors;
    private final SimulatorProperties properties;

    BearerTokenFilter(AccessTokens tokens, GraphErrorResponses errors, SimulatorProperties properties) {
        this.tokens = tokens;
        this.errors = errors;
        this.properties = properties;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(GRAPH_ROOT);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> token = bearerToken(request);
        Optional<TokenGrant> grant = token.flatMap(tokens::grantFor);
        if (grant.isEmpty()) {
            unauthorized(
                    response,
                    token.isEmpty() ? "Access token is empty." : "Access token validation failure. Invalid audience.");
        } else if (grant.get().expiredAt(Instant.now())) {
            unauthorized(response, "Lifetime validation failed, the token is expired.");
        } else if (authorized(grant.get(), request, response)) {
            request.setAttribute(AuthenticatedGrant.ATTRIBUTE, grant.get());
            chain.doFilter(request, response);
        }
    }

    /**
     * Whether the token opens the mailbox the path names; if so, leaves that mailbox in {@link AuthenticatedMailbox},
     * if not, answers as Graph does.
     */
    private boolean authorized(TokenGrant grant, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String[] segments =
                request.getRequestURI().substring(GRAPH_ROOT.length()).split("/");
        if (segments[0].equals("me") && grant.me().isEmpty()) {
            errors.write(
                    response,
                    HttpServletResponse.SC_BAD_REQUEST,
                    "BadRequest",
                    "/me request is only valid with delegated authentication flow.");
            return false;
        }
        Optional<String> user = segments[0].equals("users") && segments.length > 1
                ? Optional.of(UriUtils.decode(segments[1], StandardCharsets.UTF_8))
                : Optional.empty();
        if (user.isPresent() && !grant.mayAccess(user.get())) {
            accessDenied(response);
            return false;
        }
        if (properties.strict() && !permitted(grant, request.getMethod(), segments)) {
            accessDenied(response);
            return false;
        }
        user.or(grant::me).ifPresent(mailbox -> request.setAttribute(AuthenticatedMailbox.ATTRIBUTE, mailbox));
        request.setAttribute(
                AuthenticatedMailbox.APP_ATTRIBUTE,
                grant.clientId() == null ? AuthenticatedMailbox.STATIC_TOKEN_APP : grant.clientId());
        return true;
    }

    private static boolean permitted(TokenGrant grant, String method, String[] segments) {
        int resourceStart = segments[0].equals("me") ? 1 : segments[0].equals("users") ? 2 : segments.length;
        if (resourceStart >= segments.length) {
            return true;
        }
        String resource = "/" + String.join("/", Arrays.copyOfRange(segments, resourceStart, segments.length));
        return GraphPermissions.required(method, resource)
                .map(grant::permitsAnyOf)
                .orElse(true);
    }

    private void accessDenied(HttpServletResponse response) throws IOException {
        errors.write(
                response,
                HttpServletResponse.SC_FORBIDDEN,
                "ErrorAccessDenied",
                "Access is denied. Check credentials and try again.");
    }

    private void unauthorized(HttpServletResponse response, String message) throws IOException {
        errors.write(response, HttpServletResponse.SC_UNAUTHORIZED, "InvalidAuthenticationToken", message);
    }

    private static Optional<String> bearerToken(HttpServletRequest request) {
        return Optional.ofNullable(request.getHeader(HttpHeaders.AUTHORIZATION))
                .filter(header -> header.regionMatches(true, 0, BEARER, 0, BEARER.length()))
                .map(header -> header.substring(BEARER.length()).trim())
                .filter(token -> !token.isEmpty());
    }
}
