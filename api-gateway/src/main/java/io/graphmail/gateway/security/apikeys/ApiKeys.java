package io.graphmail.gateway.security.apikeys;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.graphmail.gateway.security.ApiClient;
import io.graphmail.platform.hashing.Sha256;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Finds the client an API key belongs to: a configured client first, then the keys issued through the API.
 * Keys are looked up by their SHA-256 digest, so neither the keys nor timing tell anything about other keys.
 * Issued keys are cached for at most a second, so a revocation reaches every gateway within a second.
 */
@Component
public class ApiKeys {

    static final Duration CACHED_FOR = Duration.ofSeconds(1);
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final ConfiguredClients configured;
    private final StoredKeys stored;
    private final Clock clock;
    private final Cache<String, Optional<StoredKey>> recent = Caffeine.newBuilder()
            .expireAfterWrite(CACHED_FOR)
            .maximumSize(10_000)
            .build();

    ApiKeys(SecurityProperties properties, StoredKeys stored, Clock clock) {
        this.configured = new ConfiguredClients(properties);
        this.stored = stored;
        this.clock = clock;
    }

    public Optional<ApiClient> clientFor(String presentedKey) {
        String digest = Sha256.hex(presentedKey);
        Optional<ApiClient> client = configured.byDigest(digest);
        if (client.isPresent()) {
            return client;
        }
        Optional<StoredKey> key = recent.get(digest, stored::findByDigest).filter(StoredKey::isActive);
        key.ifPresent(this::touch);
        return key.map(StoredKey::toClient);
    }

    void forget(String digest) {
        recent.invalidate(digest);
    }

    private void touch(StoredKey key) {
        var now = clock.instant();
        if (key.lastUsedAt() == null || key.lastUsedAt().isBefore(now.minus(TOUCH_EVERY))) {
            stored.touch(key.id(), now);
            recent.invalidate(key.digest());
        }
    }
}
