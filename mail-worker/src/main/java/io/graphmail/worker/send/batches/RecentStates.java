package io.graphmail.worker.send.batches;

import static io.graphmail.contract.batches.BatchStateReadings.WORKER_ACTS_ON_READINGS_FOR;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The latest reading of each batch's state this worker made, shared by its consumers and used while its request was
 * sent less than {@link io.graphmail.contract.batches.BatchStateReadings#WORKER_ACTS_ON_READINGS_FOR} ago. A reading
 * is timed from before its request left: the state it holds may date from any moment after that.
 *
 * <p>A SUBMITTING reading is never reused: the submission may end any moment, and each message that meets it goes back
 * on the queue for a quarter of a second, so a reading that outlived the submission would send messages round again.
 */
final class RecentStates {

    private final Function<UUID, BatchDirectory.State> read;
    private final LongSupplier nanoTime;
    private final long lastsNanos = WORKER_ACTS_ON_READINGS_FOR.toNanos();
    private final Cache<UUID, Reading> readings = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(WORKER_ACTS_ON_READINGS_FOR)
            .build();

    RecentStates(Function<UUID, BatchDirectory.State> read, LongSupplier nanoTime) {
        this.read = read;
        this.nanoTime = nanoTime;
    }

    BatchDirectory.State of(UUID batchId) {
        Reading latest = readings.getIfPresent(batchId);
        long now = nanoTime.getAsLong();
        if (latest != null
                && latest.state() != BatchDirectory.State.SUBMITTING
                && now - latest.sentAtNanos() < lastsNanos) {
            return latest.state();
        }
        var reading = new Reading(read.apply(batchId), now);
        readings.asMap().merge(batchId, reading, Reading::later);
        return reading.state();
    }

    private record Reading(BatchDirectory.State state, long sentAtNanos) {

        static Reading later(Reading one, Reading other) {
            return one.sentAtNanos() - other.sentAtNanos() >= 0 ? one : other;
        }
    }
}
