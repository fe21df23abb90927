package io.graphmail.simulator.subscriptions;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How change notification subscriptions behave.
 *
 * @param maxLifetime the longest a subscription to Outlook messages may live from creation or renewal: 4230 minutes,
 *     as Graph's subscription resource page documents
 * @param validationTimeout how long a notification endpoint has to answer the validation request: 10 seconds, as
 *     Graph's webhook delivery page documents
 * @param deliveryTimeout how long a notification POST may take before it counts as failed: 3 seconds, the timeout of
 *     the HTTP client Graph publishes with, as the webhook delivery page documents
 * @param batchWindow how long changes gather before they go out together in one notification POST
 * @param pageSize subscriptions per page of {@code GET /subscriptions}; Graph pages the list with
 *     {@code @odata.nextLink} (its list page says so) but documents no page size: 10, Graph's usual default page
 */
@ConfigurationProperties("graphmail.simulator.subscriptions")
record SubscriptionProperties(
        @DefaultValue("4230m") Duration maxLifetime,
        @DefaultValue("10s") Duration validationTimeout,
        @DefaultValue("3s") Duration deliveryTimeout,
        @DefaultValue("100ms") Duration batchWindow,
        @DefaultValue("10") int pageSize) {}
