package io.graphmail.contract.batches;

import java.time.Instant;
import java.util.UUID;

/**
 * A batch was paused, resumed or cancelled. Published by the gateway, which owns batches; workers
 * hold, release or drop the batch's messages accordingly.
 *
 * @param eventId unique per event
 * @param batchId the batch
 * @param state {@code ACTIVE}, {@code PAUSED} or {@code CANCELLED}
 * @param changedAt when
 */
public record BatchStateChanged(UUID eventId, UUID batchId, String state, Instant changedAt) {}
