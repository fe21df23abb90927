package io.graphmail.worker.send.batches;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Waits on the consumer's own thread for a batch being submitted to be accepted or withdrawn. A gateway publishes a
 * large batch in chunks, and the first reach workers a moment before the last is confirmed and the batch made ACTIVE.
 * Waiting costs a state read every {@link #POLL_EVERY}; putting each message back on the queue instead cost a consume,
 * a parse, a read and a confirmed publish per message and round, and sent the batch out of order.
 *
 * <p>Each batch has one budget per worker, counted from its first wait and shared by every consumer that waits for
 * it: a submission that outlasts it (the batch of a gateway that stopped mid-way stays SUBMITTING until it is
 * withdrawn) holds the consumers no longer, and its messages go back on the queue to be looked at later.
 */
final class SubmissionWaits {

    static final Duration POLL_EVERY = Duration.ofMillis(50);

    private final Function<UUID, BatchDirectory.State> read;
    private final long budgetNanos;
    private final LongSupplier nanoTime;
    private final Cache<UUID, Long> deadlines = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofHours(1))
            .build();

    /** @param read a batch's state as it is now (a SUBMITTING reading must not be reused) */
    SubmissionWaits(Function<UUID, BatchDirectory.State> read, Duration budget, LongSupplier nanoTime) {
        this.read = read;
        this.budgetNanos = budget.toNanos();
        this.nanoTime = nanoTime;
    }

    /** The batch's state once its submission has ended, or SUBMITTING if its budget ends first. */
    BatchDirectory.State afterSubmission(UUID batchId) {
        long deadline = deadlines.get(batchId, id -> nanoTime.getAsLong() + budgetNanos);
        var state = BatchDirectory.State.SUBMITTING;
        long left;
        while (state == BatchDirectory.State.SUBMITTING && (left = deadline - nanoTime.getAsLong()) > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(left, POLL_EVERY.toNanos()));
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                return state;
            }
            state = read.apply(batchId);
        }
        return state;
    }
}
