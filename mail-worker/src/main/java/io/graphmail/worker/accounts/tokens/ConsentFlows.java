package io.graphmail.worker.accounts.tokens;

import com.microsoft.aad.msal4j.DeviceCode;
import com.microsoft.aad.msal4j.DeviceCodeFlowParameters;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.MsalException;
import io.graphmail.contract.accounts.ConsentStarted;
import io.graphmail.worker.accounts.AccountDirectory;
import io.graphmail.worker.accounts.AccountLeases;
import io.graphmail.worker.accounts.AccountSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Runs the device code flow for delegated accounts. One flow per account across all workers: a
 * second request while a code is still valid gets that same code.
 */
@Service
class ConsentFlows {

    private static final Logger log = LoggerFactory.getLogger(ConsentFlows.class);

    private static final Duration LEASE = Duration.ofSeconds(30);

    private final AccountDirectory directory;
    private final MsalApplications applications;
    private final RunningConsents running;
    private final ConsentStates states;
    private final AccountLeases leases;
    private final IdentityProperties identity;
    private final Clock clock;

    ConsentFlows(
            AccountDirectory directory,
            MsalApplications applications,
            RunningConsents running,
            ConsentStates states,
            AccountLeases leases,
            IdentityProperties identity,
            Clock clock) {
        this.directory = directory;
        this.applications = applications;
        this.running = running;
        this.states = states;
        this.leases = leases;
        this.identity = identity;
        this.clock = clock;
    }

    ConsentStarted start(String accountId) {
        var account = directory.find(accountId).orElse(null);
        if (account == null || !account.isDelegated()) {
            return refused(accountId, account == null ? "UNKNOWN_ACCOUNT" : "NOT_A_DELEGATED_ACCOUNT");
        }
        return leases.withLease(
                "consent-" + accountId,
                LEASE,
                LEASE,
                () -> running.find(accountId, clock.instant()).orElseGet(() -> begin(account)));
    }

    private ConsentStarted begin(AccountSettings account) {
        var deviceCode = new CompletableFuture<DeviceCode>();
        var parameters = DeviceCodeFlowParameters.builder(
                        new HashSet<>(identity.delegatedScopes()), deviceCode::complete)
                .build();
        CompletableFuture<IAuthenticationResult> result =
                applications.delegated(account).acquireToken(parameters);
        result.whenComplete((authentication, error) -> finished(account.id(), authentication, error));
        try {
            CompletableFuture.anyOf(deviceCode, result)
                    .get(identity.deviceCodeWait().toMillis(), TimeUnit.MILLISECONDS);
            if (!deviceCode.isDone()) {
                return refused(account.id(), "NO_DEVICE_CODE");
            }
            DeviceCode code = deviceCode.join();
            var started = new ConsentStarted(
                    account.id(),
                    code.userCode(),
                    code.verificationUri(),
                    clock.instant().plusSeconds(code.expiresIn()),
                    code.message(),
                    null);
            running.save(started);
            return started;
        } catch (ExecutionException e) {
            return refused(account.id(), errorCode(account.id(), e.getCause()));
        } catch (TimeoutException e) {
            return refused(account.id(), "IDENTITY_PLATFORM_TIMEOUT");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return refused(account.id(), "INTERRUPTED");
        }
    }

    private void finished(String accountId, IAuthenticationResult authentication, Throwable error) {
        running.delete(accountId);
        if (error == null) {
            states.consented(
                    accountId,
                    authentication.account() == null
                            ? null
                            : authentication.account().username());
        } else {
            states.consentFailed(accountId, errorCode(accountId, error));
        }
    }

    private static String errorCode(String accountId, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof MsalException msal && msal.errorCode() != null) {
            return msal.errorCode();
        }
        // Not an answer of the identity platform but a fault here or in msal4j: its stack is the only clue.
        log.warn("The consent flow of account {} failed unexpectedly", accountId, cause);
        return cause.getClass().getSimpleName();
    }

    private static ConsentStarted refused(String accountId, String error) {
        return new ConsentStarted(accountId, null, null, null, null, error);
    }
}
