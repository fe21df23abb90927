package io.graphmail.gateway.accounts;

import io.graphmail.gateway.security.ApiClient;
import java.util.List;
import org.springframework.stereotype.Component;

/** What other features may ask about accounts. */
@Component
public class KnownAccounts {

    private final Accounts accounts;

    KnownAccounts(Accounts accounts) {
        this.accounts = accounts;
    }

    /** @throws AccountNotFound if no account has this id */
    public void requireExists(String accountId) {
        if (accounts.find(accountId).isEmpty()) {
            throw new AccountNotFound(accountId);
        }
    }

    /**
     * @throws AccountNotFound if no account has this id or the client may not use it (the same answer, so ids tell
     *     nothing about other clients' accounts)
     */
    public void requireUsable(String accountId, ApiClient client) {
        if (!isUsable(accountId, client)) {
            throw new AccountNotFound(accountId);
        }
    }

    public boolean isUsable(String accountId, ApiClient client) {
        return accountId != null
                && accounts.find(accountId)
                        .filter(account -> client.mayUseAccount(account.id(), account.owner()))
                        .isPresent();
    }

    /** The account's own sending limits ({@link SendingLimits#NONE} if it has none, or no account has the id). */
    public SendingLimits sendingLimits(String accountId) {
        return accounts.find(accountId).map(Account::limits).orElse(SendingLimits.NONE);
    }

    /** The accounts that can reach Graph now (consented, tokens working). */
    public List<String> activeAccountIds() {
        return accounts.idsWithStatus(AccountStatus.ACTIVE);
    }
}
