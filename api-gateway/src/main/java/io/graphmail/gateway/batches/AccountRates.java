package io.graphmail.gateway.batches;

import io.graphmail.gateway.accounts.KnownAccounts;
import org.springframework.stereotype.Component;

/** An account's pacing as the workers apply it, and the window of its batches that follows from it. */
@Component
class AccountRates {

    private final KnownAccounts accounts;
    private final BatchProperties properties;

    AccountRates(KnownAccounts accounts, BatchProperties properties) {
        this.accounts = accounts;
        this.properties = properties;
    }

    /** Its own rate, else the workers' default; 0 for unlimited. */
    int messagesPerMinute(String accountId) {
        Integer own = accounts.sendingLimits(accountId).messagesPerMinute();
        return own != null ? own : properties.defaultMessagesPerMinute();
    }

    /**
     * How many of a batch's messages may be on the broker or at a worker at once: the account's sends in
     * {@code windowSpan}, at least {@code smallestWindow}; 0 (all of them) for an unlimited account, whose sends
     * nothing holds back.
     */
    int window(String accountId) {
        int rate = messagesPerMinute(accountId);
        if (rate == 0) {
            return 0;
        }
        long inSpan = (long) Math.ceil(rate * properties.windowSpan().toMillis() / 60_000.0);
        return (int) Math.min(Integer.MAX_VALUE, Math.max(properties.smallestWindow(), inSpan));
    }
}
