package io.graphmail.gateway.security;

import org.springframework.security.core.context.SecurityContextHolder;

/** The client of the request being handled, for code that runs in a filter rather than a controller. */
public final class AuthenticatedClient {

    private AuthenticatedClient() {}

    /** @throws IllegalStateException outside an authenticated request, which the filter chain never lets through */
    public static ApiClient current() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof ApiClient client) {
            return client;
        }
        throw new IllegalStateException("No authenticated API client");
    }
}
