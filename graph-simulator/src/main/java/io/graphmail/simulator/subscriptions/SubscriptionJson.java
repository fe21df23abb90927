package io.graphmail.simulator.subscriptions;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** A subscription as Graph shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record SubscriptionJson(
        @JsonProperty("@odata.context") String context,
        String id,
        String resource,
        String applicationId,
        String changeType,
        String clientState,
        String notificationUrl,
        String lifecycleNotificationUrl,
        Instant expirationDateTime,
        String creatorId,
        String latestSupportedTlsVersion,
        String notificationContentType) {

    static SubscriptionJson of(Subscription subscription, String context) {
        return new SubscriptionJson(
                context,
                subscription.id(),
                subscription.resource(),
                Subscription.STATIC_OWNER.equals(subscription.owner()) ? null : subscription.owner(),
                subscription.changeType(),
                subscription.clientState(),
                subscription.notificationUrl(),
                subscription.lifecycleNotificationUrl(),
                subscription.expirationDateTime(),
                subscription.creatorId(),
                subscription.latestSupportedTlsVersion(),
                "application/json");
    }
}
