package io.graphmail.gateway.batches;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A batch became COMPLETED: every message of it is final. Published in-process, once per batch, by the gateway that
 * made the transition.
 *
 * @param client the API key's owner that submitted the batch
 * @param counts its messages by final status, as the batch's view counts them
 */
public record CompletedBatch(String batchId, String accountId, String client, Instant at, Map<String, Long> counts) {

    public CompletedBatch {
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }

    /** How many messages the batch has. */
    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
