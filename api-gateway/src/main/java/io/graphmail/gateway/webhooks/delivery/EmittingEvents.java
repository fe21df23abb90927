package io.graphmail.gateway.webhooks.delivery;

import static io.graphmail.contract.MailTopology.WEBHOOK_DELIVERIES_QUEUE;

import io.graphmail.gateway.webhooks.endpoints.Webhook;
import io.graphmail.gateway.webhooks.endpoints.Webhooks;
import io.graphmail.platform.messaging.ConfirmedPublisher;
import io.graphmail.platform.messaging.PublishFailed;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Turns an event into one delivery per endpoint that wants it and may hear of it, each on the deliveries queue.
 * Runs on the listener that learned what happened, never on a request thread. The delivery's id derives from the
 * event and the endpoint, so emitting the same event again (a redelivered result) queues nothing new.
 */
@Component
public class EmittingEvents {

    private final Webhooks webhooks;
    private final WebhookDeliveries deliveries;
    private final ConfirmedPublisher publisher;
    private final Clock clock;

    EmittingEvents(Webhooks webhooks, WebhookDeliveries deliveries, ConfirmedPublisher publisher, Clock clock) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.publisher = publisher;
        this.clock = clock;
    }

    /**
     * The enabled endpoints that may hear of an object: usually none, so callers skip building events for nobody.
     *
     * @param owner the client whose object the event is about
     * @param accountId for account events, the account: clients that may use it hear of it too
     */
    public List<Webhook> audience(String owner, String accountId) {
        return webhooks.audience(owner, accountId);
    }

    /**
     * Stores the event's deliveries and queues those not yet attempted, as {@link #emitAll} does for several events:
     * the listener that emits waits for the broker's confirms before it acknowledges what it learned.
     *
     * @throws PublishFailed if the broker did not take every delivery (the caller's message comes back, and emitting
     *     again queues what is still pending)
     */
    public void emit(WebhookEvent event, List<Webhook> audience) {
        emitAll(List.of(event), audience);
    }

    /**
     * Many events at once (a page of new mail): one bulk write of their deliveries and one batch of confirmed
     * publications, rather than a round trip of each per delivery (a wait per endpoint made events for several
     * endpoints queue up behind it). A delivery already stored is queued again only while nothing was attempted yet; a publication the broker did not confirm fails the call,
     * so that the message that led to it is handled again.
     */
    public void emitAll(List<WebhookEvent> events, List<Webhook> audience) {
        var pending = new ArrayList<WebhookDelivery>();
        Instant now = clock.instant();
        for (WebhookEvent event : events) {
            for (Webhook webhook : audience) {
                if (webhook.wants(event.type())) {
                    pending.add(WebhookDelivery.pending(
                            deliveryId(event, webhook), webhook.id(), webhook.client(), event, now));
                }
            }
        }
        if (pending.isEmpty()) {
            return;
        }
        var endpoints = new HashMap<String, String>();
        pending.forEach(delivery -> endpoints.put(delivery.id(), delivery.webhookId()));
        var queued = new LinkedHashMap<UUID, String>();
        var headers = new HashMap<UUID, Map<String, Object>>();
        deliveries.createAllIfAbsent(pending).forEach(id -> {
            queued.put(messageId(id), id);
            headers.put(messageId(id), forEndpoint(endpoints.get(id)));
        });
        if (!queued.isEmpty()
                && publisher
                                .publishAll("", WEBHOOK_DELIVERIES_QUEUE, queued, headers)
                                .size()
                        < queued.size()) {
            throw new PublishFailed("not every delivery was queued; the event is handled again");
        }
    }

    private static String deliveryId(WebhookEvent event, Webhook webhook) {
        return "dlv_"
                + UUID.nameUUIDFromBytes((event.id() + ":" + webhook.id()).getBytes(StandardCharsets.UTF_8))
                        .toString()
                        .replace("-", "");
    }

    public void enqueue(String deliveryId, String webhookId) {
        publisher.publish("", WEBHOOK_DELIVERIES_QUEUE, deliveryId, messageId(deliveryId), forEndpoint(webhookId));
    }

    private static Map<String, Object> forEndpoint(String webhookId) {
        return Map.of(DeliveringWebhooks.WEBHOOK_HEADER, webhookId);
    }

    static UUID messageId(String deliveryId) {
        return UUID.nameUUIDFromBytes(deliveryId.getBytes(StandardCharsets.UTF_8));
    }
}
