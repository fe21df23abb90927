package io.graphmail.gateway.security;

import jakarta.servlet.http.HttpServletRequest;

/** Which API client made a request: a short fingerprint of its key, never the key itself. */
public final class AuthenticatedClient {

    private static final String ATTRIBUTE = AuthenticatedClient.class.getName();

    private AuthenticatedClient() {}

    public static String of(HttpServletRequest request) {
        Object client = request.getAttribute(ATTRIBUTE);
        return client == null ? "anonymous" : client.toString();
    }

    static void set(HttpServletRequest request, String client) {
        request.setAttribute(ATTRIBUTE, client);
    }
}
