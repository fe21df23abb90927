package io.graphmail.gateway.accounts;

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

    /** The accounts that can reach Graph now (consented, tokens working). */
    public List<String> activeAccountIds() {
        return accounts.idsWithStatus(AccountStatus.ACTIVE);
    }
}
