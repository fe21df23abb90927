package io.graphmail.simulator.identity;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * App registrations with their client secret. An app registered here accepts only its own secret; any other client id
 * is accepted with {@code graphmail.simulator.identity.default-client-secret}.
 */
@Component
class RegisteredApps {

    private final Map<String, AppRegistration> apps = new ConcurrentHashMap<>();
    private final IdentityProperties properties;

    RegisteredApps(IdentityProperties properties) {
        this.properties = properties;
    }

    AppRegistration register(AppRegistration app) {
        apps.put(key(app.clientId()), app);
        return app;
    }

    /** Checks a confidential client's secret; throws {@code invalid_client} or {@code unauthorized_client}. */
    void authenticate(String tenant, String clientId, String secret) {
        var app = apps.get(key(clientId));
        if (app == null) {
            String fallback = properties.defaultClientSecret();
            if (fallback == null || fallback.isEmpty() || !fallback.equals(secret)) {
                throw IdentityError.invalidClient(clientId);
            }
            return;
        }
        if (app.tenant() != null && !TenantIds.forApp(app.tenant()).equals(TenantIds.forApp(tenant))) {
            throw IdentityError.unknownApp(clientId, tenant);
        }
        if (!app.clientSecret().equals(secret)) {
            throw IdentityError.invalidClient(clientId);
        }
    }

    void clear() {
        apps.clear();
    }

    private static String key(String clientId) {
        return clientId.toLowerCase(Locale.ROOT);
    }
}
