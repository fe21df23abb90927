package io.graphmail.worker.accounts;

import io.graphmail.platform.locking.MongoLocks;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Leases across all workers (ShedLock on MongoDB): only one worker at a time refreshes an account's
 * tokens (a refresh rotates the refresh token, and two at once would lose one), or syncs a folder.
 */
@Component
public class AccountLeases {

    private static final Duration POLL = Duration.ofMillis(50);

    private final LockProvider locks;

    AccountLeases(MongoTemplate mongo) {
        this.locks = new MongoLocks(mongo.getDb());
    }

    /**
     * Runs {@code work} holding lease {@code name}, waiting up to {@code wait} for it. A lease held
     * by a worker that died ends by itself after {@code atMost}.
     */
    public <T> T withLease(String name, Duration atMost, Duration wait, Supplier<T> work) {
        SimpleLock lock = acquire(name, atMost, wait);
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    /** Lease {@code name} if it is free; close it to give it back. */
    public Optional<Lease> tryTake(String name, Duration atMost) {
        long takenAt = System.nanoTime();
        return take(name, atMost).map(lock -> new HeldLease(name, lock, atMost, takenAt));
    }

    private Optional<SimpleLock> take(String name, Duration atMost) {
        return locks.lock(new LockConfiguration(Instant.now(), name, atMost, Duration.ZERO));
    }

    /**
     * A lease held until closed; one that is never closed ends by itself after its time. An interface because work
     * done under a lease is tested with a lease held in memory.
     */
    public interface Lease extends AutoCloseable {

        /**
         * Starts the lease's time again, for work that takes longer than one lease; from any thread. A lease whose
         * time ran out (a slow request) is taken again if nobody took it meanwhile. Once a quarter of its time has
         * passed since it was taken or last written: until then it is held for at least three quarters of its time
         * still, and nobody else can hold it, so calling this often (after every page of a sync) costs nothing.
         *
         * @throws LeaseLost if another worker holds it now: the work must stop, that worker does it
         */
        void extend();

        @Override
        void close();
    }

    private final class HeldLease implements Lease {

        private final String name;
        private final Duration atMost;
        private SimpleLock lock;
        private boolean lost;
        /** {@link System#nanoTime()} just before the lease was last written. */
        private long writtenAt;

        private HeldLease(String name, SimpleLock lock, Duration atMost, long writtenAt) {
            this.name = name;
            this.lock = lock;
            this.atMost = atMost;
            this.writtenAt = writtenAt;
        }

        @Override
        public synchronized void extend() {
            if (lost) {
                throw new LeaseLost(name);
            }
            long now = System.nanoTime();
            if (now - writtenAt < atMost.toNanos() / 4) {
                return;
            }
            var extended = lock.extend(atMost, Duration.ZERO);
            if (extended.isPresent()) {
                lock = extended.get();
                writtenAt = now;
                return;
            }
            var retaken = take(name, atMost);
            if (retaken.isEmpty()) {
                lost = true;
                throw new LeaseLost(name);
            }
            lock = retaken.get();
            writtenAt = now;
        }

        @Override
        public synchronized void close() {
            if (!lost) {
                lock.unlock();
            }
        }
    }

    /** Another worker holds a lease this one's time ran out on. */
    public static final class LeaseLost extends IllegalStateException {

        public LeaseLost(String name) {
            super("Lease " + name + " ran out and another worker holds it now");
        }
    }

    private SimpleLock acquire(String name, Duration atMost, Duration wait) {
        Instant giveUp = Instant.now().plus(wait);
        while (true) {
            var lock = take(name, atMost);
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
