package io.graphmail.worker.accounts;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.mongo.MongoLockProvider;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Short leases across all workers (ShedLock on MongoDB), so that only one worker at a time refreshes
 * an account's tokens: a refresh rotates the refresh token, and two at once would lose one.
 */
@Component
class AccountLeases {

    private static final Duration POLL = Duration.ofMillis(50);

    private final LockProvider locks;

    AccountLeases(MongoTemplate mongo) {
        this.locks = new MongoLockProvider(mongo.getDb());
    }

    /**
     * Runs {@code work} holding lease {@code name}, waiting up to {@code wait} for it. A lease held
     * by a worker that died ends by itself after {@code atMost}.
     */
    <T> T withLease(String name, Duration atMost, Duration wait, Supplier<T> work) {
        SimpleLock lock = acquire(name, atMost, wait);
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    private SimpleLock acquire(String name, Duration atMost, Duration wait) {
        Instant giveUp = Instant.now().plus(wait);
        while (true) {
            var lock = locks.lock(new LockConfiguration(Instant.now(), name, atMost, Duration.ZERO));
            if (lock.isPresent()) {
                return lock.get();
            }
            if (Instant.now().isAfter(giveUp)) {
                throw new IllegalStateException("Lease " + name + " still held after " + wait);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted waiting for lease " + name, e);
            }
        }
    }
}
