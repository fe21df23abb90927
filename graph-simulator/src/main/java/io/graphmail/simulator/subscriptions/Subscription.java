package io.graphmail.simulator.subscriptions;

import java.time.Instant;
import java.util.Set;

/**
 * A subscription to changes of Outlook messages, as its app created it.
 *
 * @param owner the app that created it (its client id; {@link #STATIC_OWNER} for the static token): only that app sees
 *     it
 * @param changeTypes the kinds of change it reports: {@code created}, {@code updated}, {@code deleted}
 */
record Subscription(
        String id,
        String resource,
        SubscribedResource watched,
        String changeType,
        Set<String> changeTypes,
        String notificationUrl,
        String lifecycleNotificationUrl,
        String clientState,
        Instant expirationDateTime,
        String owner,
        String creatorId,
        String tenantId,
        String latestSupportedTlsVersion) {

    static final String STATIC_OWNER = "static-token";

    boolean expiredAt(Instant now) {
        return !now.isBefore(expirationDateTime);
    }

    Subscription renewedUntil(Instant expiration) {
        return new Subscription(
                id,
                resource,
                watched,
                changeType,
                changeTypes,
                notificationUrl,
                lifecycleNotificationUrl,
                clientState,
                expiration,
                owner,
                creatorId,
                tenantId,
                latestSupportedTlsVersion);
    }
}
