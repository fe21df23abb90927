package io.graphmail.simulator.identity.tokens;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/** The access and refresh tokens handed out, as opaque random strings, each with what it grants. */
@Component
public class IssuedTokens {

    /** Expired access tokens are remembered this long, so that they are told apart from unknown ones. */
    private static final Duration EXPIRED_KEPT = Duration.ofDays(1);

    private final SecureRandom random = new SecureRandom();
    private final Map<String, TokenGrant> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, RefreshGrant> refreshTokens = new ConcurrentHashMap<>();

    /** What an access token grants, expired or not; empty for a token never issued, revoked or forgotten. */
    public Optional<TokenGrant> find(String accessToken) {
        return Optional.ofNullable(accessTokens.get(accessToken));
    }

    String issueAccessToken(TokenGrant grant) {
        purge(Instant.now());
        String token = newToken("sim-at-");
        accessTokens.put(token, grant);
        return token;
    }

    String issueRefreshToken(RefreshGrant grant) {
        String token = newToken("sim-rt-");
        refreshTokens.put(token, grant);
        return token;
    }

    /**
     * Takes a refresh token of {@code clientId} out of circulation and returns its grant: each refresh token works
     * once. A token of another app stays as it is.
     */
    Optional<RefreshGrant> redeem(String refreshToken, String clientId) {
        var grant = refreshTokens.get(refreshToken);
        if (grant == null || !grant.clientId().equalsIgnoreCase(clientId)) {
            return Optional.empty();
        }
        return refreshTokens.remove(refreshToken, grant) ? Optional.of(grant) : Optional.empty();
    }

    /** Invalidates every refresh and access token of a mailbox. */
    Revoked revoke(String mailbox) {
        String address = mailbox.trim().toLowerCase(Locale.ROOT);
        int refresh = removeIf(refreshTokens, grant -> grant.user().mailbox().equals(address));
        int access = removeIf(
                accessTokens,
                grant -> grant.kind() == TokenGrant.Kind.DELEGATED
                        && grant.mailbox().equals(address));
        return new Revoked(address, refresh, access);
    }

    /** Lets every access token issued so far expire now; returns how many were still valid. */
    int expireAccessTokens() {
        var now = Instant.now();
        var expired = new AtomicInteger();
        accessTokens.replaceAll((token, grant) -> {
            if (grant.expiredAt(now)) {
                return grant;
            }
            expired.incrementAndGet();
            return grant.expiringAt(now);
        });
        return expired.get();
    }

    void clear() {
        accessTokens.clear();
        refreshTokens.clear();
    }

    private void purge(Instant now) {
        var horizon = now.minus(EXPIRED_KEPT);
        accessTokens.values().removeIf(grant -> grant.expiredAt(horizon));
        refreshTokens.values().removeIf(grant -> !now.isBefore(grant.expiresAt()));
    }

    private static <V> int removeIf(Map<String, V> tokens, Predicate<V> condition) {
        int removed = 0;
        for (var grants = tokens.values().iterator(); grants.hasNext(); ) {
            if (condition.test(grants.next())) {
                grants.remove();
                removed++;
            }
        }
        return removed;
    }

    private String newToken(String prefix) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    record Revoked(String mailbox, int refreshTokens, int accessTokens) {}
}
