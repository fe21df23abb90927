package io.graphmail.gateway.security.filterchain;

import io.graphmail.gateway.problems.ProblemResponses;
import io.graphmail.gateway.problems.Problems;
import io.graphmail.gateway.security.Scope;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/** The filter chain's refusals as problem+json: 401 (no or bad key), 403 (scope), 400 (rejected request). */
final class SecurityProblems
        implements AuthenticationEntryPoint, AuthenticationFailureHandler, AccessDeniedHandler, RequestRejectedHandler {

    /** The methods {@link org.springframework.security.web.firewall.StrictHttpFirewall} lets through by default. */
    private static final Set<String> FIREWALL_METHODS =
            Set.of("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT");

    private static final Logger log = LoggerFactory.getLogger(SecurityProblems.class);

    private final ProblemResponses problems;

    SecurityProblems(ProblemResponses problems) {
        this.problems = problems;
    }

    /** No credentials at all. */
    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        unauthorized(request, response, "Credentials are required: Authorization: Bearer <API key or access token>");
    }

    /** Credentials that are not valid. */
    @Override
    public void onAuthenticationFailure(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        unauthorized(request, response, e.getMessage());
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        Object scope = request.getAttribute(ScopeRules.REQUIRED_SCOPE);
        if (request.getAttribute(ScopeRules.ALLOWED_METHODS) instanceof Set<?> methods) {
            methodNotAllowed(request, response, methods);
        } else if (scope instanceof Scope missing) {
            var problem = Problems.of(
                    HttpStatus.FORBIDDEN,
                    "missing-scope",
                    "Missing scope",
                    "This operation needs the scope " + missing.value());
            problem.setProperty("scope", missing.value());
            problems.write(request, response, problem);
        } else {
            problems.write(
                    request,
                    response,
                    HttpStatus.FORBIDDEN,
                    "forbidden",
                    "Forbidden",
                    "No client may call this operation");
        }
    }

    /**
     * A request the firewall refused: a method no operation has (405), or encoded separators, dot segments, matrix
     * parameters, control characters (400).
     */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
            throws IOException {
        if (!FIREWALL_METHODS.contains(request.getMethod())) {
            methodNotAllowed(null, response, Set.of());
            return;
        }
        log.info("Refused a malformed request: {}", e.getMessage());
        problems.write(null, response, Problems.malformedRequest("The request's path or headers are not accepted"));
    }

    /**
     * @param request named as the problem's instance; {@code null} for none
     * @param methods the path's methods, for {@code Allow}; none to leave it out
     */
    private void methodNotAllowed(HttpServletRequest request, HttpServletResponse response, Set<?> methods)
            throws IOException {
        if (!methods.isEmpty()) {
            response.setHeader(
                    HttpHeaders.ALLOW, methods.stream().map(String::valueOf).collect(Collectors.joining(", ")));
        }
        problems.write(
                request,
                response,
                HttpStatus.METHOD_NOT_ALLOWED,
                "method-not-allowed",
                "Method not allowed",
                methods.isEmpty()
                        ? "No operation of the API takes this method"
                        : "This path takes only the methods in Allow");
    }

    private void unauthorized(HttpServletRequest request, HttpServletResponse response, String detail)
            throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"graphmail\"");
        problems.write(request, response, HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", detail);
    }
}
