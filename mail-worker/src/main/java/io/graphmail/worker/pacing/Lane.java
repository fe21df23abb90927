package io.graphmail.worker.pacing;

import java.util.UUID;

/**
 * The queue a message waits in for its account's slots: transactional messages (single sends, or marked high
 * priority) take the next free slot ahead of bulk ones; each bulk batch is a lane of its own, and batches take turns.
 *
 * @param key the lane's name in the account's pacing state
 * @param bulk whether it is a batch's lane
 */
public record Lane(String key, boolean bulk) {

    static final String TRANSACTIONAL = "transactional";

    public static Lane transactional() {
        return new Lane(TRANSACTIONAL, false);
    }

    public static Lane batch(UUID batchId) {
        return new Lane(batchKey(batchId), true);
    }

    static String batchKey(UUID batchId) {
        return "batch-" + batchId;
    }
}
