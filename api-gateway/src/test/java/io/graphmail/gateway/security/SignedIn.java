package io.graphmail.gateway.security;

import java.util.Set;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.test.context.support.WithSecurityContextFactory;

/** For web slice tests without the filter chain: makes a client the current one, as the chain would. */
public final class SignedIn {

    public static final ApiClient ADMIN = new ApiClient("test-admin", Set.of(Scope.ADMIN), Set.of("*"));

    private SignedIn() {}

    /** The security context {@link SignedInAsAdmin} gives each test. */
    public static final class AsAdmin implements WithSecurityContextFactory<SignedInAsAdmin> {

        @Override
        public SecurityContext createSecurityContext(SignedInAsAdmin annotation) {
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(new TestingAuthenticationToken(ADMIN, null));
            return context;
        }
    }
}
