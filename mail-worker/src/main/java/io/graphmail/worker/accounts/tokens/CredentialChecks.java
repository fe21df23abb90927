package io.graphmail.worker.accounts.tokens;

import io.graphmail.worker.accounts.AccountDirectory;
import io.graphmail.worker.accounts.AccountLeases;
import io.graphmail.worker.accounts.AccountSettings;
import io.graphmail.worker.accounts.CredentialsUnavailable;
import io.graphmail.worker.accounts.credentials.CredentialStates;
import java.time.Duration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Looks again, now and then, at the accounts whose credentials could not be read: once the
 * operator fixes the secret (a restarted worker with the variable set, a file mounted again), the
 * account turns ACTIVE and its parked mail goes on. One worker at a time checks an account.
 */
@Component
class CredentialChecks {

    private static final Duration LEASE = Duration.ofSeconds(30);

    private final AccountDirectory directory;
    private final MsalApplications applications;
    private final CredentialStates states;
    private final AccountLeases leases;

    CredentialChecks(
            AccountDirectory directory, MsalApplications applications, CredentialStates states, AccountLeases leases) {
        this.directory = directory;
        this.applications = applications;
        this.states = states;
        this.leases = leases;
    }

    @Scheduled(
            initialDelayString = "${graphmail.accounts.credential-check-interval:60s}",
            fixedDelayString = "${graphmail.accounts.credential-check-interval:60s}")
    void checkAccountsWithoutCredentials() {
        for (AccountSettings account : directory.withStatus(CredentialsUnavailable.STATUS)) {
            leases.tryTake("credentials-" + account.id(), LEASE).ifPresent(lease -> {
                try (lease) {
                    check(account);
                }
            });
        }
    }

    private void check(AccountSettings account) {
        try {
            applications.application(account);
            states.available(account.id());
        } catch (CredentialsUnavailable still) {
            states.unavailable(account, still);
        }
    }
}
