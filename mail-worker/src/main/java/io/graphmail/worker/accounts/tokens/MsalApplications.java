package io.graphmail.worker.accounts.tokens;

import com.microsoft.aad.msal4j.AbstractClientApplicationBase;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.PublicClientApplication;
import io.graphmail.platform.tls.TrustedCertificates;
import io.graphmail.worker.accounts.AccountSettings;
import io.graphmail.worker.accounts.CredentialsUnavailable;
import io.graphmail.worker.accounts.credentials.ClientCredentials;
import java.net.MalformedURLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLSocketFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * One msal4j client application per account, each with the account's encrypted token cache:
 * public clients for delegated accounts, confidential clients for application accounts.
 */
@Component
class MsalApplications {

    private final IdentityProperties identity;
    private final TokenCaches caches;
    private final ClientCredentials credentials;
    private final SingletonSupplier<SSLSocketFactory> sslSocketFactory;
    private final Map<String, Object> applications = new ConcurrentHashMap<>();
    // msal4j runs its calls on this pool; its default, the common pool, has one thread on a
    // two-core machine, which one device code flow (polling for minutes) would block.
    private final ExecutorService msalThreads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "msal");
        thread.setDaemon(true);
        return thread;
    });

    MsalApplications(IdentityProperties identity, TokenCaches caches, ClientCredentials credentials) {
        this.identity = identity;
        this.caches = caches;
        this.credentials = credentials;
        // Read on first use: in the compose demo the simulator writes its certificate after the worker starts.
        this.sslSocketFactory = SingletonSupplier.of(() -> identity.trustCertificateFile() == null
                ? null
                : TrustedCertificates.sslContext(identity.trustCertificateFile())
                        .getSocketFactory());
    }

    PublicClientApplication delegated(AccountSettings account) {
        return (PublicClientApplication) applications.computeIfAbsent(account.id(), id -> build(account));
    }

    /** @throws CredentialsUnavailable if its secret cannot be read (then nothing is kept, and the next call tries again) */
    ConfidentialClientApplication application(AccountSettings account) {
        return (ConfidentialClientApplication) applications.computeIfAbsent(account.id(), id -> build(account));
    }

    void forget(String accountId) {
        applications.remove(accountId);
    }

    private Object build(AccountSettings account) {
        if (account.isDelegated()) {
            return configured(PublicClientApplication.builder(account.clientId()), account)
                    .build();
        }
        var credential = credentials.credentialOf(account);
        return configured(ConfidentialClientApplication.builder(account.clientId(), credential), account)
                .build();
    }

    /** What public and confidential clients share: authority, encrypted cache, threads, trust. */
    private <B extends AbstractClientApplicationBase.Builder<B>> B configured(B builder, AccountSettings account) {
        try {
            builder.authority(identity.authority(account.tenant()))
                    .setTokenCacheAccessAspect(new EncryptedTokenCache(account.id(), caches))
                    .executorService(msalThreads);
            if (!identity.microsoftAuthority()) {
                // A stand-in knows no instance discovery and is not on Microsoft's list of authorities.
                builder.instanceDiscovery(false).validateAuthority(false);
            }
        } catch (MalformedURLException e) {
            throw new IllegalStateException("Invalid authority for account " + account.id(), e);
        }
        SSLSocketFactory trusted = sslSocketFactory.get();
        return trusted == null ? builder : builder.sslSocketFactory(trusted);
    }
}
