package io.graphmail.gateway.batches;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What stands between a batch and its last message at its account's pacing: its own messages not yet final, the
 * account's single sends waiting (they take the account's slots first), and of each other running batch of the account
 * at most as many as this one has left (running batches take the account's slots in turn).
 *
 * @param remaining the batch's messages not final yet
 * @param singlesWaiting the account's single sends queued (not scheduled for later)
 * @param otherBatches for each other running batch of the account, its messages queued
 */
record Workload(long remaining, long singlesWaiting, List<Long> otherBatches) {

    /** The slots of the account the batch still needs to wait through, its own included. */
    long slotsNeeded() {
        long shared = otherBatches.stream()
                .mapToLong(other -> Math.min(other, remaining))
                .sum();
        return remaining + singlesWaiting + shared;
    }

    /**
     * When its last message is sent if from {@code start} the account sends {@code messagesPerMinute} evenly spaced;
     * {@code null} if nothing remains, {@code start} for an unlimited account (0).
     */
    Instant completionAt(Instant start, int messagesPerMinute) {
        if (remaining == 0) {
            return null;
        }
        if (messagesPerMinute <= 0) {
            return start;
        }
        return start.plus(Duration.ofMinutes(slotsNeeded()).dividedBy(messagesPerMinute));
    }
}
