package io.graphmail.gateway.accounts;

import io.graphmail.contract.accounts.AccountRemoved;
import io.graphmail.contract.accounts.ConsentStarted;
import io.graphmail.contract.accounts.StartConsent;
import io.graphmail.gateway.messaging.AccountMessages;
import io.graphmail.gateway.security.ApiClient;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/** Registers and removes accounts and starts their owners' consent. */
@Service
class ManagingAccounts {

    private final Accounts accounts;
    private final AccountMessages messages;
    private final Clock clock;

    ManagingAccounts(Accounts accounts, AccountMessages messages, Clock clock) {
        this.accounts = accounts;
        this.messages = messages;
        this.clock = clock;
    }

    Account register(RegisterAccountRequest request, ApiClient client) {
        AccountType type = AccountType.valueOf(request.type().toUpperCase(Locale.ROOT));
        Instant now = clock.instant();
        var account = new Account(
                request.id() == null ? UUID.randomUUID().toString() : request.id(),
                type,
                request.mailbox(),
                request.tenant(),
                request.clientId(),
                type == AccountType.APPLICATION ? request.clientSecretRef() : null,
                request.limits(),
                type == AccountType.APPLICATION ? AccountStatus.ACTIVE : AccountStatus.PENDING_CONSENT,
                null,
                now,
                now,
                client.id());
        try {
            accounts.insert(account);
        } catch (DuplicateKeyException taken) {
            throw new AccountConflict("An account with id " + account.id() + " exists already");
        }
        return account;
    }

    /** @throws LimitsRefused if a personal account would get more recipients a day than Outlook.com allows */
    Account setLimits(String id, SendingLimits limits, ApiClient client) {
        Account account = usable(id, client);
        if (account.isPersonal() && limits.exceedsPersonalCap()) {
            throw new LimitsRefused("recipientsPerDay", SendingLimits.PERSONAL_CAP_MESSAGE);
        }
        accounts.updateLimits(id, limits, clock.instant());
        return accounts.find(id).orElseThrow(() -> new AccountNotFound(id));
    }

    void remove(String id, ApiClient client) {
        usable(id, client);
        if (!accounts.delete(id)) {
            throw new AccountNotFound(id);
        }
        messages.removed(new AccountRemoved(UUID.randomUUID(), id, clock.instant()));
    }

    /** Only a client allowed to manage the account (re)starts its consent, so no one else's login can take it over. */
    ConsentView startConsent(String id, ApiClient client) {
        Account account = usable(id, client);
        if (account.type() != AccountType.DELEGATED) {
            throw new AccountConflict("Application accounts need no consent");
        }
        ConsentStarted started = messages.startConsent(new StartConsent(UUID.randomUUID(), id, clock.instant()))
                .orElseThrow(() -> new ConsentUnavailable("No worker answered; try again shortly"));
        if (started.error() != null) {
            throw new ConsentUnavailable("The identity platform issued no device code: " + started.error());
        }
        accounts.updateStatus(id, AccountStatus.PENDING_CONSENT, null, null, clock.instant());
        return new ConsentView(
                id, started.userCode(), started.verificationUri(), started.expiresAt(), started.message());
    }

    Account usable(String id, ApiClient client) {
        return accounts.find(id)
                .filter(account -> client.mayUseAccount(account.id(), account.owner()))
                .orElseThrow(() -> new AccountNotFound(id));
    }
}
