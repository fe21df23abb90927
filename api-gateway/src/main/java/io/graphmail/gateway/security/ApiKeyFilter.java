package io.graphmail.gateway.security;

import io.graphmail.gateway.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/** Lets {@code /api/**} requests through only with {@code Authorization: Bearer <api key>}. */
class ApiKeyFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyFilter.class);
    private static final String BEARER = "Bearer ";

    private final ApiKeys apiKeys;
    private final ProblemResponses problems;

    ApiKeyFilter(ApiKeys apiKeys, ProblemResponses problems) {
        this.apiKeys = apiKeys;
        this.problems = problems;
        if (apiKeys.isEmpty()) {
            log.warn("No API keys configured (GRAPHMAIL_API_KEYS): every /api request will be refused");
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        var client = header != null && header.startsWith(BEARER)
                ? apiKeys.clientFor(header.substring(BEARER.length()).trim())
                : java.util.Optional.<String>empty();
        if (client.isEmpty()) {
            unauthorized(request, response, header == null ? "An API key is required" : "The API key is not valid");
            return;
        }
        AuthenticatedClient.set(request, client.get());
        chain.doFilter(request, response);
    }

    private void unauthorized(HttpServletRequest request, HttpServletResponse response, String detail)
            throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"graphmail\"");
        problems.write(request, response, HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", detail);
    }
}
