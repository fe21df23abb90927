package io.graphmail.gateway.security;

import java.util.Objects;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A checked JWT access token, resolved to the client it was issued to. The token itself is not kept. */
final class AccessTokenAuthentication extends AbstractAuthenticationToken {

    private final ApiClient client;

    AccessTokenAuthentication(ApiClient client) {
        super(client.scopes().stream()
                .map(scope -> new SimpleGrantedAuthority(scope.authority()))
                .toList());
        this.client = client;
        setAuthenticated(true);
    }

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
        return client.id();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AccessTokenAuthentication that && Objects.equals(client, that.client);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(client);
    }
}
