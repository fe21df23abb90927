package io.graphmail.gateway.idempotency;

import io.graphmail.gateway.idempotency.IdempotencyRecords.Claim;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * Renews the lease of every key this gateway is processing a request for, on a thread of its own so that busy
 * scheduled jobs cannot delay it. A gateway that stops renews nothing: its leases lapse and retries take the keys over.
 */
class RenewingLeases implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RenewingLeases.class);

    private final IdempotencyRecords records;
    private final Clock clock;
    private final Set<Claim> held = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(task -> {
        var thread = new Thread(task, "idempotency-leases");
        thread.setDaemon(true);
        return thread;
    });

    RenewingLeases(IdempotencyRecords records, Clock clock, IdempotencyProperties properties) {
        this.records = records;
        this.clock = clock;
        long every = properties.renewEvery().toMillis();
        renewals.scheduleWithFixedDelay(this::renewAll, every, every, TimeUnit.MILLISECONDS);
    }

    void hold(Claim claim) {
        held.add(claim);
    }

    void let(Claim claim) {
        held.remove(claim);
    }

    private void renewAll() {
        for (Claim claim : held) {
            try {
                // Not renewed and still held: its lease ran out or a retry took it over. No longer held: its request
                // ended meanwhile, and it needs no lease.
                if (!records.renew(claim, clock.instant()) && held.remove(claim)) {
                    log.warn("Idempotency key {} was taken over by a retry while its request ran", claim.id());
                }
            } catch (RuntimeException e) {
                log.warn("Could not renew the lease of idempotency key {}: {}", claim.id(), e.toString());
            }
        }
    }

    @Override
    public void destroy() {
        renewals.shutdownNow();
    }
}
