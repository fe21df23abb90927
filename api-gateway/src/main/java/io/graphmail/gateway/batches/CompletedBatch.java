package io.graphmail.gateway.batches;

import java.time.Instant;

/**
 * A batch became COMPLETED: every message of it is final. Published in-process, once per batch, by the gateway that
 * made the transition.
 *
 * @param client the API key's owner that submitted the batch
 */
public record CompletedBatch(String batchId, String accountId, String client, Instant at) {}
