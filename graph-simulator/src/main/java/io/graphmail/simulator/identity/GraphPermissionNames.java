package io.graphmail.simulator.identity;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Graph permission names as tokens carry them: a delegated scope may be asked for with its resource
 * ({@code https://graph.microsoft.com/Mail.Send}) or without ({@code Mail.Send}); both name the same permission.
 */
public final class GraphPermissionNames {

    /** Scopes of the sign-in itself, which grant nothing on Graph. */
    static final Set<String> OPENID_SCOPES = Set.of("openid", "profile", "offline_access", "email");

    private GraphPermissionNames() {}

    /** The permission a scope names, lower case, without its resource; {@code .default} stays {@code .default}. */
    public static String normalised(String scope) {
        int slash = scope.lastIndexOf('/');
        return (slash < 0 ? scope : scope.substring(slash + 1)).toLowerCase(Locale.ROOT);
    }

    public static Set<String> normalised(Set<String> scopes) {
        return scopes.stream().map(GraphPermissionNames::normalised).collect(Collectors.toUnmodifiableSet());
    }

    public static boolean isOpenId(String scope) {
        return OPENID_SCOPES.contains(scope.toLowerCase(Locale.ROOT));
    }
}
