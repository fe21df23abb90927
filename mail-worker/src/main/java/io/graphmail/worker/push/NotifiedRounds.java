package io.graphmail.worker.push;

import io.graphmail.worker.accounts.AccountLeases;
import io.graphmail.worker.accounts.AccountSettings;
import io.graphmail.worker.sync.FolderRounds;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Coalesces notifications into delta rounds: per folder at most one round runs (the folder's sync lease, shared with
 * scheduled rounds) and one is pending (a flag on the folder's subscription document). A notification that finds a
 * round pending is covered by it; the one that sets the flag sees to it that a round starts: now, or once the running
 * round gives up the lease. A round clears the flag and notes its start before it reads Graph, so a change notified
 * while it runs always gets the next round, a notification received before it started is covered by it, and a burst
 * of any size costs at most two rounds.
 */
@Service
class NotifiedRounds {

    private static final Logger log = LoggerFactory.getLogger(NotifiedRounds.class);

    private final FolderSubscriptions subscriptions;
    private final AccountLeases leases;
    private final FolderRounds rounds;
    private final PushProperties properties;
    private final PushMetrics metrics;
    private final Clock clock;
    // Not a bean: a TaskScheduler bean would take the place of the one @Scheduled methods use.
    private final ScheduledExecutorService rechecks = Executors.newSingleThreadScheduledExecutor(runnable -> {
        var thread = new Thread(runnable, "push-recheck");
        thread.setDaemon(true);
        return thread;
    });

    NotifiedRounds(
            FolderSubscriptions subscriptions,
            AccountLeases leases,
            FolderRounds rounds,
            PushProperties properties,
            PushMetrics metrics,
            Clock clock) {
        this.subscriptions = subscriptions;
        this.leases = leases;
        this.rounds = rounds;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
    }

    void notified(AccountSettings account, String folder, Instant receivedAt) {
        if (!subscriptions.markPending(account.id(), folder, receivedAt, properties.clockTolerance())) {
            metrics.round("coalesced");
            return;
        }
        drain(account, folder);
    }

    /** Runs pending rounds while there are any and the lease is free; else looks again shortly. */
    void drain(AccountSettings account, String folder) {
        while (true) {
            var lease = leases.tryTake(FolderRounds.leaseName(account.id(), folder), rounds.leaseTime());
            if (lease.isEmpty()) {
                rechecks.schedule(
                        () -> recheck(account, folder),
                        properties.recheckPending().toMillis(),
                        TimeUnit.MILLISECONDS);
                return;
            }
            try (var held = lease.get()) {
                var pending = subscriptions.takePending(account.id(), folder);
                if (pending.isEmpty()) {
                    return;
                }
                boolean stored = rounds.run(account, folder, "notification", held);
                metrics.round(stored ? "completed" : "failed");
                if (!stored) {
                    subscriptions.roundFailed(account.id(), folder);
                }
                if (stored && pending.get() != null) {
                    metrics.stored(Duration.between(pending.get(), clock.instant()));
                }
            }
            if (!subscriptions.isPending(account.id(), folder)) {
                return;
            }
        }
    }

    private void recheck(AccountSettings account, String folder) {
        try {
            if (subscriptions.isPending(account.id(), folder)) {
                drain(account, folder);
            }
        } catch (RuntimeException e) {
            log.warn("Pending round of {} / {} waits for the next check: {}", account.id(), folder, e.toString());
        }
    }

    @PreDestroy
    void stop() {
        rechecks.shutdownNow();
    }
}
