package io.graphmail.platform.locking;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.setOnInsert;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import java.time.Instant;
import java.util.Optional;
import net.javacrumbs.shedlock.core.AbstractSimpleLock;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.ExtensibleLockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.support.Utils;
import org.bson.Document;

/**
 * ShedLock's MongoDB locks in its own {@code shedLock} documents, taken without a failing write. ShedLock's
 * {@code MongoLockProvider} takes a lock with a conditional upsert that, while the lock is held, inserts a second
 * document with the same id and fails on the duplicate key: every attempt on a held lock (a scheduled task checking
 * every second, a worker waiting for an account's token lease) is an error MongoDB logs. Here a held lock is a
 * conditional update that matches nothing; the document is created once, by an upsert on its id alone, which never
 * conflicts. Extending and releasing work as in ShedLock.
 */
public final class MongoLocks implements ExtensibleLockProvider {

    static final String COLLECTION = "shedLock";
    private static final String LOCK_UNTIL = "lockUntil";
    private static final String LOCKED_AT = "lockedAt";
    private static final String LOCKED_BY = "lockedBy";

    private final MongoCollection<Document> locks;
    private final String hostname = Utils.getHostname();

    public MongoLocks(MongoDatabase database) {
        this.locks = database.getCollection(COLLECTION);
    }

    @Override
    public Optional<SimpleLock> lock(LockConfiguration configuration) {
        if (takeExisting(configuration)) {
            return Optional.of(new MongoLock(configuration));
        }
        if (created(configuration.getName()) && takeExisting(configuration)) {
            return Optional.of(new MongoLock(configuration));
        }
        return Optional.empty();
    }

    /** Takes the lock if its document exists and its time is up; a held or missing one matches nothing. */
    private boolean takeExisting(LockConfiguration configuration) {
        Instant now = ClockProvider.now();
        var taken = locks.findOneAndUpdate(
                and(eq("_id", configuration.getName()), lte(LOCK_UNTIL, now)),
                combine(
                        set(LOCK_UNTIL, configuration.getLockAtMostUntil()),
                        set(LOCKED_AT, now),
                        set(LOCKED_BY, hostname)));
        return taken != null;
    }

    /** Creates the lock's document, free, unless it exists; whether this call created it. */
    private boolean created(String name) {
        var result = locks.updateOne(
                eq("_id", name),
                combine(
                        setOnInsert(LOCK_UNTIL, Instant.EPOCH),
                        setOnInsert(LOCKED_AT, Instant.EPOCH),
                        setOnInsert(LOCKED_BY, "")),
                new UpdateOptions().upsert(true));
        return result.getUpsertedId() != null;
    }

    private final class MongoLock extends AbstractSimpleLock {

        private MongoLock(LockConfiguration configuration) {
            super(configuration);
        }

        @Override
        protected void doUnlock() {
            locks.updateOne(eq("_id", lockConfiguration.getName()), set(LOCK_UNTIL, lockConfiguration.getUnlockTime()));
        }

        @Override
        protected Optional<SimpleLock> doExtend(LockConfiguration extended) {
            var updated = locks.findOneAndUpdate(
                    and(eq("_id", extended.getName()), gt(LOCK_UNTIL, ClockProvider.now()), eq(LOCKED_BY, hostname)),
                    set(LOCK_UNTIL, extended.getLockAtMostUntil()));
            return updated == null ? Optional.empty() : Optional.of(new MongoLock(extended));
        }
    }
}
