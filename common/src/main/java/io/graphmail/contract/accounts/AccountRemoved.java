package io.graphmail.contract.accounts;

import java.time.Instant;
import java.util.UUID;

/**
 * An account was deleted: workers forget its tokens and give up its parked messages.
 *
 * @param eventId unique per event
 * @param accountId the removed account
 * @param removedAt when
 */
public record AccountRemoved(UUID eventId, String accountId, Instant removedAt) {}
