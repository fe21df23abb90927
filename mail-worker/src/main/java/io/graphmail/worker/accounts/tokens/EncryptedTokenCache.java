package io.graphmail.worker.accounts.tokens;

import com.microsoft.aad.msal4j.ITokenCacheAccessAspect;
import com.microsoft.aad.msal4j.ITokenCacheAccessContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * msal4j's token cache for one account, kept encrypted in MongoDB so any worker can use the
 * account. Reads the latest cache before every msal4j call and writes it back when msal4j changed
 * it (a new or refreshed token). Callers serialise refreshes per account with a lease.
 */
final class EncryptedTokenCache implements ITokenCacheAccessAspect {

    private static final Logger log = LoggerFactory.getLogger(EncryptedTokenCache.class);

    private final String accountId;
    private final TokenCaches caches;
    private final ThreadLocal<Long> versionRead = ThreadLocal.withInitial(() -> 0L);

    EncryptedTokenCache(String accountId, TokenCaches caches) {
        this.accountId = accountId;
        this.caches = caches;
    }

    @Override
    public void beforeCacheAccess(ITokenCacheAccessContext context) {
        var stored = caches.load(accountId);
        versionRead.set(stored.map(TokenCaches.Versioned::version).orElse(currentVersion()));
        stored.ifPresent(cache -> context.tokenCache().deserialize(cache.cache()));
    }

    @Override
    public void afterCacheAccess(ITokenCacheAccessContext context) {
        if (!context.hasCacheChanged()) {
            return;
        }
        if (!caches.save(accountId, context.tokenCache().serialize(), versionRead.get())) {
            log.warn("Token cache of account {} was written by another worker meanwhile; kept theirs", accountId);
        }
    }

    private long currentVersion() {
        return caches.find(accountId).map(TokenCacheDocument::version).orElse(0L);
    }
}
