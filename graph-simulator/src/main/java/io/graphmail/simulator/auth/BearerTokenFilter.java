package io.graphmail.simulator.auth;

import io.graphmail.simulator.web.GraphErrorResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Rejects Graph calls without an accepted bearer token, as Graph does, with 401 InvalidAuthenticationToken. */
@Component
@Order(BearerTokenFilter.ORDER)
class BearerTokenFilter extends OncePerRequestFilter {

    static final int ORDER = 20;

    private static final String BEARER = "bearer ";

    private final AccessTokens tokens;
    private final GraphErrorResponses errors;

    BearerTokenFilter(AccessTokens tokens, GraphErrorResponses errors) {
        this.tokens = tokens;
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/v1.0/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> token = bearerToken(request);
        if (token.isEmpty()) {
            reject(response, "Access token is empty.");
            return;
        }
        Optional<String> mailbox = tokens.mailboxFor(token.get());
        if (mailbox.isEmpty()) {
            reject(response, "Access token validation failure. Invalid audience.");
            return;
        }
        request.setAttribute(AuthenticatedMailbox.ATTRIBUTE, mailbox.get());
        chain.doFilter(request, response);
    }

    private static Optional<String> bearerToken(HttpServletRequest request) {
        return Optional.ofNullable(request.getHeader(HttpHeaders.AUTHORIZATION))
                .filter(header -> header.regionMatches(true, 0, BEARER, 0, BEARER.length()))
                .map(header -> header.substring(BEARER.length()).trim())
                .filter(token -> !token.isEmpty());
    }

    private void reject(HttpServletResponse response, String message) throws IOException {
        errors.write(response, HttpServletResponse.SC_UNAUTHORIZED, "InvalidAuthenticationToken", message);
    }
}
