package io.graphmail.simulator.identity.apps;

import io.graphmail.simulator.identity.GraphPermissionNames;
import io.graphmail.simulator.identity.IdentityError;
import io.graphmail.simulator.identity.IdentityProperties;
import io.graphmail.simulator.identity.TenantIds;
import io.graphmail.simulator.identity.TokenRequest;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * App registrations with their client secret or certificate. An app registered here accepts only its own credential;
 * any other client id is accepted with {@code graphmail.simulator.identity.default-client-secret}.
 */
@Component
public class RegisteredApps {

    private final Map<String, AppRegistration> apps = new ConcurrentHashMap<>();
    private final IdentityProperties properties;

    RegisteredApps(IdentityProperties properties) {
        this.properties = properties;
    }

    public AppRegistration register(AppRegistration app) {
        apps.put(key(app.clientId()), app);
        return app;
    }

    /**
     * Checks a confidential client's secret or client assertion; throws {@code invalid_client} or
     * {@code unauthorized_client}.
     */
    public void authenticate(TokenRequest request, String clientId) {
        var app = apps.get(key(clientId));
        var assertion = request.clientAssertion();
        if (assertion.isPresent()) {
            if (app == null || app.certificate() == null) {
                throw IdentityError.invalidClientAssertion(clientId);
            }
            checkTenant(app, clientId, request.tenant());
            if (!ClientAssertions.valid(assertion.get(), app.certificate(), clientId)) {
                throw IdentityError.invalidClientAssertion(clientId);
            }
            return;
        }
        String secret = request.clientSecret();
        if (app == null) {
            String fallback = properties.defaultClientSecret();
            if (fallback == null || fallback.isEmpty() || !fallback.equals(secret)) {
                throw IdentityError.invalidClient(clientId);
            }
            return;
        }
        checkTenant(app, clientId, request.tenant());
        if (!secret.equals(app.clientSecret())) {
            throw IdentityError.invalidClient(clientId);
        }
    }

    private static void checkTenant(AppRegistration app, String clientId, String tenant) {
        if (app.tenant() != null && !TenantIds.forApp(app.tenant()).equals(TenantIds.forApp(tenant))) {
            throw IdentityError.unknownApp(clientId, tenant);
        }
    }

    /**
     * The roles of the app's client credentials tokens: what an admin granted a registered app, else
     * {@code graphmail.simulator.identity.default-app-permissions}.
     */
    public Set<String> applicationPermissions(String clientId) {
        var app = apps.get(key(clientId));
        List<String> granted = app == null ? properties.defaultAppPermissions() : app.applicationPermissions();
        return Set.copyOf(granted);
    }

    /**
     * What a device code or refresh token of the app carries of the scopes asked for: those among the app's
     * delegated permissions (all of them for an app without a list), sign-in scopes ({@code openid} ...) always.
     */
    public Set<String> consentable(String clientId, Set<String> requested) {
        var app = apps.get(key(clientId));
        if (app == null || app.delegatedPermissions() == null) {
            return requested;
        }
        var allowed = GraphPermissionNames.normalised(Set.copyOf(app.delegatedPermissions()));
        var granted = new LinkedHashSet<String>();
        for (String scope : requested) {
            if (GraphPermissionNames.isOpenId(scope) || allowed.contains(GraphPermissionNames.normalised(scope))) {
                granted.add(scope);
            }
        }
        return granted;
    }

    public void clear() {
        apps.clear();
    }

    private static String key(String clientId) {
        return clientId.toLowerCase(Locale.ROOT);
    }
}
