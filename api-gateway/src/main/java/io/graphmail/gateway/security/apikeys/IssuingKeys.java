package io.graphmail.gateway.security.apikeys;

import io.graphmail.gateway.security.ApiClient;
import io.graphmail.gateway.security.Scope;
import io.graphmail.platform.hashing.Sha256;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Issues and revokes API keys; a key is shown once and kept only as its SHA-256 digest. */
@Service
class IssuingKeys {

    private static final Logger log = LoggerFactory.getLogger(IssuingKeys.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final StoredKeys stored;
    private final ApiKeys apiKeys;
    private final Clock clock;

    IssuingKeys(StoredKeys stored, ApiKeys apiKeys, Clock clock) {
        this.stored = stored;
        this.apiKeys = apiKeys;
        this.clock = clock;
    }

    /** @throws UnknownScope naming the first scope that is not one of graphmail's */
    KeyView issue(IssueKeyRequest request, ApiClient issuer) {
        for (String scope : request.scopes()) {
            if (Scope.parse(scope).isEmpty()) {
                throw new UnknownScope(scope);
            }
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String plaintext = "gmk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        var key = new StoredKey(
                UUID.randomUUID().toString(),
                Sha256.hex(plaintext),
                request.client(),
                List.copyOf(request.scopes()),
                List.copyOf(request.accountsOrNone()),
                request.description(),
                clock.instant(),
                issuer.id(),
                null,
                null,
                request.limits() == null || request.limits().isNone()
                        ? null
                        : request.limits().normalised());
        stored.insert(key);
        apiKeys.forget(key.digest());
        log.info("Issued API key {} for client {} with scopes {}", key.id(), key.client(), key.scopes());
        return KeyView.withKey(key, plaintext);
    }

    /** @return whether the key existed and was active */
    boolean revoke(String id) {
        var key = stored.find(id);
        boolean revoked = stored.revoke(id, clock.instant());
        key.ifPresent(found -> apiKeys.forget(found.digest()));
        if (revoked) {
            log.info("Revoked API key {}", id);
        }
        return revoked;
    }

    static final class UnknownScope extends RuntimeException {
        final String scope;

        UnknownScope(String scope) {
            super("Unknown scope " + scope);
            this.scope = scope;
        }
    }
}
