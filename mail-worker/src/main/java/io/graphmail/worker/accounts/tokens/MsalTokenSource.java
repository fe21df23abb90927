package io.graphmail.worker.accounts.tokens;

import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.MsalInteractionRequiredException;
import com.microsoft.aad.msal4j.SilentParameters;
import io.graphmail.worker.accounts.AccountDirectory;
import io.graphmail.worker.accounts.AccountLeases;
import io.graphmail.worker.accounts.AccountNeedsConsent;
import io.graphmail.worker.accounts.AccountSettings;
import io.graphmail.worker.accounts.CredentialsUnavailable;
import io.graphmail.worker.accounts.credentials.CredentialStates;
import java.net.MalformedURLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Tokens through msal4j: silent acquisition (refreshing as needed) for delegated accounts, client
 * credentials for application accounts. Access tokens stay in memory until shortly before they
 * expire; everything else lives in the shared, encrypted token cache.
 */
@Component
class MsalTokenSource implements TokenSource {

    private static final Duration LEASE = Duration.ofSeconds(30);

    private final AccountDirectory directory;
    private final MsalApplications applications;
    private final TokenCaches caches;
    private final AccountLeases leases;
    private final ConsentStates consentStates;
    private final CredentialStates credentialStates;
    private final IdentityProperties identity;
    private final TokenRequestMetrics metrics;
    private final Clock clock;
    private final Map<String, HotToken> hotTokens = new ConcurrentHashMap<>();
    private final Set<String> refreshNext = ConcurrentHashMap.newKeySet();

    MsalTokenSource(
            AccountDirectory directory,
            MsalApplications applications,
            TokenCaches caches,
            AccountLeases leases,
            ConsentStates consentStates,
            CredentialStates credentialStates,
            IdentityProperties identity,
            TokenRequestMetrics metrics,
            Clock clock) {
        this.directory = directory;
        this.applications = applications;
        this.caches = caches;
        this.leases = leases;
        this.consentStates = consentStates;
        this.credentialStates = credentialStates;
        this.identity = identity;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public String accessToken(String accountId) {
        HotToken hot = hotTokens.get(accountId);
        if (hot != null && hot.expiresOn().isAfter(clock.instant().plus(identity.refreshAhead()))) {
            return hot.token();
        }
        AccountSettings account = directory
                .find(accountId)
                .orElseThrow(() -> new IllegalArgumentException("Unknown account " + accountId));
        if (account.isDelegated()) {
            requireConsent(accountId);
        } else {
            requireCredentials(account);
        }
        IAuthenticationResult result = leases.withLease("tokens-" + accountId, LEASE, LEASE, () -> acquire(account));
        hotTokens.put(
                accountId,
                new HotToken(result.accessToken(), result.expiresOnDate().toInstant()));
        return result.accessToken();
    }

    @Override
    public boolean needsConsent(String accountId) {
        try {
            requireConsent(accountId);
            return false;
        } catch (AccountNeedsConsent waiting) {
            return directory.find(accountId).map(AccountSettings::isDelegated).orElse(false);
        }
    }

    @Override
    public boolean credentialsUnavailable(String accountId) {
        var account = directory.find(accountId);
        if (account.isEmpty() || account.get().isDelegated()) {
            return false;
        }
        try {
            applications.application(account.get());
            return false;
        } catch (CredentialsUnavailable unavailable) {
            return true;
        }
    }

    @Override
    public void invalidate(String accountId) {
        hotTokens.remove(accountId);
        refreshNext.add(accountId);
    }

    @Override
    public boolean permissionMissing(String accountId) {
        boolean delegated =
                directory.find(accountId).map(AccountSettings::isDelegated).orElse(false);
        if (delegated) {
            forget(accountId);
            consentStates.reauthRequired(accountId, MISSING_PERMISSION);
        }
        return delegated;
    }

    void forget(String accountId) {
        hotTokens.remove(accountId);
        refreshNext.remove(accountId);
    }

    private void requireConsent(String accountId) {
        var cache = caches.find(accountId);
        if (cache.isEmpty() || cache.get().ciphertext() == null) {
            throw new AccountNeedsConsent(accountId, "PENDING_CONSENT");
        }
        if (TokenCaches.REAUTH_REQUIRED.equals(cache.get().state())) {
            throw new AccountNeedsConsent(accountId, TokenCaches.REAUTH_REQUIRED);
        }
    }

    /** Builds the account's client application, which reads its secret, before any token request. */
    private void requireCredentials(AccountSettings account) {
        try {
            applications.application(account);
        } catch (CredentialsUnavailable unavailable) {
            credentialStates.unavailable(account, unavailable);
            throw unavailable;
        }
    }

    private IAuthenticationResult acquire(AccountSettings account) {
        try {
            IAuthenticationResult result = request(account);
            metrics.record(account, TokenRequestMetrics.ACQUIRED);
            return result;
        } catch (AccountNeedsConsent e) {
            metrics.record(account, TokenRequestMetrics.REAUTH_REQUIRED);
            throw e;
        } catch (RuntimeException e) {
            metrics.record(account, TokenRequestMetrics.FAILED);
            throw e;
        }
    }

    private IAuthenticationResult request(AccountSettings account) {
        try {
            if (!account.isDelegated()) {
                var parameters = ClientCredentialParameters.builder(new HashSet<>(identity.applicationScopes()))
                        .skipCache(refreshNext.remove(account.id()))
                        .build();
                return applications
                        .application(account)
                        .acquireToken(parameters)
                        .join();
            }
            var application = applications.delegated(account);
            var user = application.getAccounts().join().stream()
                    .findFirst()
                    .orElseThrow(() -> new AccountNeedsConsent(account.id(), "NO_ACCOUNT_IN_CACHE"));
            // Without the authority, msal4j rebuilds it from the cached account's environment, which
            // drops any port in the authority host.
            var parameters = SilentParameters.builder(new HashSet<>(identity.delegatedScopes()), user)
                    .authorityUrl(application.authority())
                    .forceRefresh(refreshNext.remove(account.id()))
                    .build();
            return application.acquireTokenSilently(parameters).join();
        } catch (CompletionException | MsalInteractionRequiredException e) {
            Throwable cause = e instanceof CompletionException ? e.getCause() : e;
            if (cause instanceof MsalInteractionRequiredException refused) {
                consentStates.reauthRequired(account.id(), refused.errorCode());
                throw new AccountNeedsConsent(account.id(), refused.errorCode());
            }
            throw e;
        } catch (MalformedURLException e) {
            throw new IllegalStateException("Invalid authority for account " + account.id(), e);
        }
    }

    private record HotToken(String token, Instant expiresOn) {}
}
