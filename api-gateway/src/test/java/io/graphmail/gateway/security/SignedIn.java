package io.graphmail.gateway.security;

import java.util.Set;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/** For web slice tests without the filter chain: makes a client the current one, as the chain would. */
public final class SignedIn {

    public static final ApiClient ADMIN = new ApiClient("test-admin", Set.of(Scope.ADMIN), Set.of("*"));

    private SignedIn() {}

    public static void as(ApiClient client) {
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(client, null));
    }

    public static void signOut() {
        SecurityContextHolder.clearContext();
    }
}
