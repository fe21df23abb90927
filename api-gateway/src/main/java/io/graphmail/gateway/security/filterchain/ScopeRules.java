package io.graphmail.gateway.security.filterchain;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import io.graphmail.gateway.security.ApiClient;
import io.graphmail.gateway.security.Scope;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Which scope each operation of the API needs, in one place. The filter chain allows these and denies every
 * other request, so an endpoint added without a rule here is refused until someone decides who may call it.
 */
final class ScopeRules {

    static final String REQUIRED_SCOPE = ScopeRules.class.getName() + ".requiredScope";

    /** Set on a refused request whose path is an operation's with another method: the methods it has. */
    static final String ALLOWED_METHODS = ScopeRules.class.getName() + ".allowedMethods";

    /** {@code null} scope: any authenticated client. */
    record Rule(HttpMethod method, String pattern, Scope scope) {}

    static final List<Rule> RULES = List.of(
            new Rule(POST, "/api/v1/mail", Scope.MAIL_SEND),
            new Rule(POST, "/api/v1/mail/batches", Scope.MAIL_SEND),
            new Rule(POST, "/api/v1/mail/batches/{id}/pause", Scope.MAIL_SEND),
            new Rule(POST, "/api/v1/mail/batches/{id}/resume", Scope.MAIL_SEND),
            new Rule(POST, "/api/v1/mail/batches/{id}/cancel", Scope.MAIL_SEND),
            new Rule(POST, "/api/v1/mail/dead-letters/replay", Scope.MAIL_SEND),
            new Rule(POST, "/api/v1/mail/{id}/retry", Scope.MAIL_SEND),
            new Rule(GET, "/api/v1/mail/{id}", Scope.MAIL_READ),
            new Rule(GET, "/api/v1/mail/batches/{id}", Scope.MAIL_READ),
            new Rule(GET, "/api/v1/mail/batches/{id}/messages", Scope.MAIL_READ),
            new Rule(POST, "/api/v1/attachments", Scope.MAIL_SEND),
            new Rule(GET, "/api/v1/attachments/{id}", Scope.MAIL_READ),
            new Rule(POST, "/api/v1/emails/send", Scope.MAIL_SEND),
            new Rule(GET, "/api/v1/emails/fetch", Scope.MAILBOX_READ),
            new Rule(GET, "/api/v1/emails/health", null),
            new Rule(GET, "/api/v1/accounts", Scope.ACCOUNTS_READ),
            new Rule(GET, "/api/v1/accounts/{id}", Scope.ACCOUNTS_READ),
            new Rule(POST, "/api/v1/accounts", Scope.ACCOUNTS_MANAGE),
            new Rule(DELETE, "/api/v1/accounts/{id}", Scope.ACCOUNTS_MANAGE),
            new Rule(PUT, "/api/v1/accounts/{id}/limits", Scope.ACCOUNTS_MANAGE),
            new Rule(POST, "/api/v1/accounts/{id}/consent", Scope.ACCOUNTS_MANAGE),
            new Rule(POST, "/api/v1/accounts/{id}/sync", Scope.MAILBOX_READ),
            new Rule(GET, "/api/v1/accounts/{id}/sync", Scope.MAILBOX_READ),
            new Rule(GET, "/api/v1/accounts/{id}/messages", Scope.MAILBOX_READ),
            new Rule(GET, "/api/v1/messages/{id}", Scope.MAILBOX_READ),
            new Rule(GET, "/api/v1/messages/{id}/attachments/{attachmentId}", Scope.MAILBOX_READ),
            new Rule(POST, "/api/v1/webhooks", Scope.WEBHOOKS_WRITE),
            new Rule(GET, "/api/v1/webhooks", Scope.WEBHOOKS_READ),
            new Rule(GET, "/api/v1/webhooks/{id}", Scope.WEBHOOKS_READ),
            new Rule(PATCH, "/api/v1/webhooks/{id}", Scope.WEBHOOKS_WRITE),
            new Rule(DELETE, "/api/v1/webhooks/{id}", Scope.WEBHOOKS_WRITE),
            new Rule(POST, "/api/v1/webhooks/{id}/rotate-secret", Scope.WEBHOOKS_WRITE),
            new Rule(GET, "/api/v1/webhooks/{id}/deliveries", Scope.WEBHOOKS_READ),
            new Rule(POST, "/api/v1/webhooks/{id}/deliveries/{deliveryId}/replay", Scope.WEBHOOKS_WRITE),
            new Rule(GET, "/api/v1/suppressions", Scope.MAIL_READ),
            new Rule(POST, "/api/v1/suppressions", Scope.MAIL_SEND),
            new Rule(DELETE, "/api/v1/suppressions/{address}", Scope.MAIL_SEND),
            new Rule(POST, "/api/v1/keys", Scope.ADMIN),
            new Rule(GET, "/api/v1/keys", Scope.ADMIN),
            new Rule(DELETE, "/api/v1/keys/{id}", Scope.ADMIN));

    private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();

    private ScopeRules() {}

    /** The methods the rules have for the request's path, whatever its own method; empty for an unknown path. */
    static Set<HttpMethod> methodsFor(HttpServletRequest request) {
        Set<HttpMethod> methods = new TreeSet<>(Comparator.comparing(HttpMethod::name));
        for (Rule rule : RULES) {
            if (PATHS.matcher(rule.pattern()).matches(request)) {
                methods.add(rule.method());
            }
        }
        return methods;
    }

    /**
     * Refuses every request: 401 without credentials (the authentication is asked for, which fails when there is
     * none), with them 405 on an operation's path (another method) and 403 elsewhere.
     */
    static AuthorizationManager<RequestAuthorizationContext> nobody() {
        return (authentication, context) -> {
            authentication.get();
            Set<HttpMethod> methods = methodsFor(context.getRequest());
            if (!methods.isEmpty()) {
                context.getRequest().setAttribute(ALLOWED_METHODS, methods);
            }
            return new AuthorizationDecision(false);
        };
    }

    /** Allows an authenticated client holding {@code scope}; on refusal, notes the scope for the 403 problem. */
    static AuthorizationManager<RequestAuthorizationContext> requires(Scope scope) {
        return (authentication, context) -> {
            boolean granted = authentication.get() != null
                    && authentication.get().getPrincipal() instanceof ApiClient client
                    && (scope == null || client.has(scope));
            if (!granted && scope != null) {
                context.getRequest().setAttribute(REQUIRED_SCOPE, scope);
            }
            return new AuthorizationDecision(granted);
        };
    }
}
