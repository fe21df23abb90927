package io.graphmail.contract.push;

import java.time.Instant;
import java.util.UUID;

/**
 * Graph notified the gateway of a change to a synced folder, or of its subscription's lifecycle, and the gateway
 * verified the notification (known subscription, matching client state). Published by the gateway; a worker runs a
 * delta round for the folder (coalescing bursts) or looks after the subscription.
 *
 * @param eventId unique per event
 * @param accountId the account whose folder it is
 * @param folder the folder's well-known name ({@code inbox}, {@code sentitems})
 * @param subscriptionId Graph's id of the subscription that notified
 * @param lifecycleEvent {@code reauthorizationRequired}, {@code subscriptionRemoved} or {@code missed} for a lifecycle
 *     notification; {@code null} for a change notification
 * @param receivedAt when the gateway received the notification
 */
public record FolderChangeNotified(
        UUID eventId,
        String accountId,
        String folder,
        String subscriptionId,
        String lifecycleEvent,
        Instant receivedAt) {}
