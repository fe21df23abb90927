package io.graphmail.gateway.security.filterchain;

import io.graphmail.gateway.security.ApiClient;

/** A bearer API key: presented (not yet checked), or checked and resolved to its client. */
final class ApiKeyAuthentication extends ClientAuthentication {

    /** Kept only until checked, and never as the credentials. */
    private final transient String presentedKey;

    private ApiKeyAuthentication(String presentedKey, ApiClient client) {
        super(client);
        this.presentedKey = presentedKey;
    }

    static ApiKeyAuthentication presented(String key) {
        return new ApiKeyAuthentication(key, null);
    }

    static ApiKeyAuthentication of(ApiClient client) {
        return new ApiKeyAuthentication(null, client);
    }

    String presentedKey() {
        return presentedKey;
    }
}
