package io.graphmail.simulator.identity.protectedapis;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The web APIs registered through the control API, found by their application id URI or client id. */
@Component
class ProtectedApis {

    private final Map<String, ApiRegistration> apis = new ConcurrentHashMap<>();

    ApiRegistration register(ApiRegistration api) {
        apis.values().removeIf(known -> known.clientId().equalsIgnoreCase(api.clientId()));
        apis.put(key(api.applicationIdUri()), api);
        return api;
    }

    /** The API a resource (the part of a {@code .default} scope before it) names. */
    Optional<ApiRegistration> find(String resource) {
        var byUri = apis.get(key(resource));
        if (byUri != null) {
            return Optional.of(byUri);
        }
        return apis.values().stream()
                .filter(api -> api.clientId().equalsIgnoreCase(resource))
                .findFirst();
    }

    void clear() {
        apis.clear();
    }

    private static String key(String resource) {
        String lower = resource.toLowerCase(Locale.ROOT);
        return lower.endsWith("/") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
