package io.graphmail.gateway.security;

import java.util.Set;

/**
 * Who is calling: the client an API key (or an access token) belongs to.
 *
 * @param id stable name, recorded on every object the client creates
 * @param scopes what it may do
 * @param accounts accounts it may use besides those it registered; {@code *} for every account
 * @param limits rate limits of the key it called with, where that key carries its own
 */
public record ApiClient(String id, Set<Scope> scopes, Set<String> accounts, KeyLimits limits) {

    public static final String ALL_ACCOUNTS = "*";

    public ApiClient {
        scopes = Set.copyOf(scopes);
        accounts = Set.copyOf(accounts);
        limits = limits == null ? KeyLimits.NONE : limits.normalised();
    }

    /** A client whose limits are its configured ones (or the defaults). */
    public ApiClient(String id, Set<Scope> scopes, Set<String> accounts) {
        this(id, scopes, accounts, KeyLimits.NONE);
    }

    public boolean isAdmin() {
        return scopes.contains(Scope.ADMIN);
    }

    public boolean has(Scope scope) {
        return isAdmin() || scopes.contains(scope);
    }

    /** Whether an object recorded as created by {@code owner} is visible to this client. */
    public boolean owns(String owner) {
        return isAdmin() || id.equals(owner);
    }

    /** Whether this client may use (send from, read, manage) the account registered by {@code owner}. */
    public boolean mayUseAccount(String accountId, String owner) {
        return owns(owner) || accounts.contains(ALL_ACCOUNTS) || accounts.contains(accountId);
    }
}
