package io.graphmail.simulator.identity;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** Tenant ids as Entra ID hands them out, derived from the authority's tenant segment and, for users, the domain. */
public final class TenantIds {

    /** The tenant of personal Microsoft accounts. */
    public static final String CONSUMERS = "9188040d-6c67-4c5b-b112-36a304b66dad";

    private static final Set<String> MULTI_TENANT = Set.of("common", "organizations");
    private static final Pattern GUID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", Pattern.CASE_INSENSITIVE);

    private TenantIds() {}

    /** The home tenant of a user signing in at {@code /{tenant}/}: for common and organizations, their domain's. */
    public static String forUser(String tenant, String mailbox) {
        if (MULTI_TENANT.contains(tenant.toLowerCase(Locale.ROOT))) {
            return derived(mailbox.substring(mailbox.indexOf('@') + 1));
        }
        return forApp(tenant);
    }

    /** The tenant an app token is issued in; a GUID stands for itself, a domain name gets a stable id. */
    public static String forApp(String tenant) {
        String lower = tenant.toLowerCase(Locale.ROOT);
        if (lower.equals("consumers")) {
            return CONSUMERS;
        }
        return GUID.matcher(lower).matches() ? lower : derived(lower);
    }

    private static String derived(String name) {
        return UUID.nameUUIDFromBytes(("tenant:" + name.toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
