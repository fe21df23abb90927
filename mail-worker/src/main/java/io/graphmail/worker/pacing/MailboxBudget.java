package io.graphmail.worker.pacing;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.graphmail.worker.accounts.AccountSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * One mailbox's budget of Graph requests in progress, shared by every worker and every kind of call: Graph allows 4
 * concurrent requests per app and mailbox. It is the {@code leases} of the account's {@link PacingState}: a send holds
 * one lease for its whole delivery (its requests, uploads included, run one after another; {@link MongoAccountPacing}
 * defers it when none is free), and a sync holds one for each request through here, waiting for a free one. While
 * Graph's last {@code Retry-After} holds the mailbox, nobody gets one.
 */
@Component
public class MailboxBudget {

    private static final long POLL_MS = 50;
    private static final String PACING = "account_pacing";

    private final MongoTemplate mongo;
    private final PacingProperties properties;
    private final MongoAccountPacing pacing;
    private final Clock clock;

    MailboxBudget(MongoTemplate mongo, PacingProperties properties, MongoAccountPacing pacing, Clock clock) {
        this.mongo = mongo;
        this.properties = properties;
        this.pacing = pacing;
        this.clock = clock;
    }

    /**
     * Runs one Graph request of the account's mailbox once a place in its budget is free and Graph does not hold it.
     *
     * @throws MailboxBusy if none came free within {@code graphmail.worker.pacing.budget-wait}
     */
    public <T> T call(AccountSettings account, Supplier<T> request) {
        int maxConcurrent = maxConcurrent(account);
        String lease = take(account.id(), maxConcurrent);
        try {
            return request.get();
        } finally {
            if (lease != null) {
                // After every request, so with the driver rather than mapped through the entity.
                mongo.getCollection(PACING)
                        .updateOne(
                                Filters.eq("_id", account.id()),
                                Updates.combine(Updates.unset("leases." + lease), Updates.inc("version", 1L)));
            }
        }
    }

    /** Graph answered 429: nobody calls the mailbox for {@code retryAfter}. */
    public void throttled(String accountId, Duration retryAfter) {
        pacing.throttled(accountId, retryAfter);
    }

    private String take(String accountId, int maxConcurrent) {
        long deadline = clock.millis() + properties.budgetWait().toMillis();
        while (true) {
            long now = clock.millis();
            PacingState state = pacing.load(accountId);
            long wait;
            if (state.blockedUntil() > now) {
                wait = state.blockedUntil() - now;
            } else if (maxConcurrent == 0) {
                return null;
            } else if (inProgress(state, now) >= maxConcurrent) {
                wait = POLL_MS + ThreadLocalRandom.current().nextLong(POLL_MS);
            } else {
                String lease = UUID.randomUUID().toString();
                if (pacing.save(withLease(state, lease, now))) {
                    return lease;
                }
                wait = ThreadLocalRandom.current().nextLong(10);
            }
            if (now + wait > deadline) {
                throw new MailboxBusy(accountId, properties.budgetWait());
            }
            sleep(wait);
        }
    }

    private int maxConcurrent(AccountSettings account) {
        var own = account.limits();
        return own == null || own.maxConcurrent() == null ? properties.maxConcurrent() : own.maxConcurrent();
    }

    private static long inProgress(PacingState state, long now) {
        return state.leases().values().stream().filter(expiry -> expiry > now).count();
    }

    private PacingState withLease(PacingState state, String lease, long now) {
        var leases = new HashMap<String, Long>();
        state.leases().forEach((id, expiry) -> {
            if (expiry > now) {
                leases.put(id, expiry);
            }
        });
        leases.put(lease, now + properties.leaseTime().toMillis());
        return state.withLeases(leases);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(Math.max(1, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MailboxBusy("interrupted", Duration.ZERO);
        }
    }

    /** No place in the mailbox's budget came free in time; the caller tries again later. */
    public static class MailboxBusy extends RuntimeException {

        MailboxBusy(String accountId, Duration waited) {
            super("No Graph request of account " + accountId + " could start within " + waited);
        }
    }
}
