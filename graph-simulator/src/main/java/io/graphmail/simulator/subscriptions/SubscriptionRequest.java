package io.graphmail.simulator.subscriptions;

import java.time.Instant;

/** The body of {@code POST /subscriptions}, and of {@code PATCH /subscriptions/{id}} (which reads only the expiry). */
record SubscriptionRequest(
        String changeType,
        String notificationUrl,
        String lifecycleNotificationUrl,
        String resource,
        Instant expirationDateTime,
        String clientState,
        String latestSupportedTlsVersion) {}
