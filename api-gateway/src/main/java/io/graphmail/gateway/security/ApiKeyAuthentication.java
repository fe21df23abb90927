package io.graphmail.gateway.security;

import java.util.List;
import java.util.Objects;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A bearer API key: presented (not yet checked), or checked and resolved to its client. */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final transient String presentedKey;
    private final ApiClient client;

    private ApiKeyAuthentication(String presentedKey, ApiClient client) {
        super(
                client == null
                        ? List.of()
                        : client.scopes().stream()
                                .map(scope -> new SimpleGrantedAuthority(scope.authority()))
                                .toList());
        this.presentedKey = presentedKey;
        this.client = client;
        setAuthenticated(client != null);
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

    /** Never the key: nothing that logs an authentication can leak it. */
    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return client;
    }

    @Override
    public String getName() {
        return client == null ? "unauthenticated" : client.id();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApiKeyAuthentication that && Objects.equals(client, that.client);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(client);
    }
}
