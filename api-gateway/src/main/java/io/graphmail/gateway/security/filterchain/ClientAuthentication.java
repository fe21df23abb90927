package io.graphmail.gateway.security.filterchain;

import io.graphmail.gateway.security.ApiClient;
import java.util.List;
import java.util.Objects;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Credentials resolved to the client they belong to, whose scopes are its authorities; {@code null} for credentials
 * not yet checked. The credentials themselves are never kept here: nothing that logs an authentication can leak them.
 */
abstract class ClientAuthentication extends AbstractAuthenticationToken {

    private final ApiClient client;

    ClientAuthentication(ApiClient client) {
        super(
                client == null
                        ? List.of()
                        : client.scopes().stream()
                                .map(scope -> new SimpleGrantedAuthority(scope.authority()))
                                .toList());
        this.client = client;
        setAuthenticated(client != null);
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
        return client == null ? "unauthenticated" : client.id();
    }

    @Override
    public boolean equals(Object other) {
        return other != null
                && other.getClass() == getClass()
                && Objects.equals(client, ((ClientAuthentication) other).client);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(client);
    }
}
