package io.graphmail.simulator.identity.tokens;

import io.graphmail.simulator.identity.GraphPermissionNames;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What an access token allows: a delegated token acts for one mailbox, an application token for every mailbox of its
 * tenant, the configured static token for every mailbox with {@code /me} meaning the default one.
 *
 * @param kind how the token was obtained
 * @param mailbox the signed-in mailbox of a delegated token, the default mailbox of the static token, else null
 * @param tenantId the tenant the token was issued in, null for the static token
 * @param clientId the app the token was issued to, null for the static token
 * @param scopes the granted permissions: a delegated token's scopes ({@code scp}), an application token's roles
 *     ({@code roles}); the static token's are ignored, as it may do anything
 * @param expiresAt when the token stops being accepted
 */
public record TokenGrant(
        Kind kind, String mailbox, String tenantId, String clientId, Set<String> scopes, Instant expiresAt) {

    public enum Kind {
        DELEGATED,
        APPLICATION,
        STATIC
    }

    /** The grant of the static token, which never expires. */
    public static TokenGrant unrestricted(String defaultMailbox) {
        return new TokenGrant(Kind.STATIC, defaultMailbox, null, null, Set.of(), Instant.MAX);
    }

    /** Whether the token carries one of {@code permissions} (normalised names) or is the static token. */
    public boolean permitsAnyOf(Set<String> permissions) {
        return kind == Kind.STATIC
                || scopes.stream().map(GraphPermissionNames::normalised).anyMatch(permissions::contains);
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** The mailbox {@code /me} means; empty for application tokens, which have no signed-in user. */
    public Optional<String> me() {
        return kind == Kind.APPLICATION ? Optional.empty() : Optional.of(mailbox);
    }

    /** Whether {@code /users/{mailbox}} is open to this token. */
    public boolean mayAccess(String address) {
        return kind != Kind.DELEGATED || mailbox.toLowerCase(Locale.ROOT).equals(address.toLowerCase(Locale.ROOT));
    }

    TokenGrant expiringAt(Instant instant) {
        return new TokenGrant(kind, mailbox, tenantId, clientId, scopes, instant);
    }
}
