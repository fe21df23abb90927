package io.graphmail.gateway.webhooks;

import static io.graphmail.contract.MailTopology.WEBHOOK_DELIVERIES_QUEUE;

import io.graphmail.platform.messaging.ConfirmedPublisher;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.stereotype.Component;

/**
 * Turns an event into one delivery per endpoint that wants it and may hear of it, each on the deliveries queue.
 * Runs on the listener that learned what happened, never on a request thread. The delivery's id derives from the
 * event and the endpoint, so emitting the same event again (a redelivered result) queues nothing new.
 */
@Component
class EmittingEvents {

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
     * @param owner the client whose object the event is about
     * @param accountId for account events, the account: clients that may use it hear of it too
     */
    void emit(WebhookEvent event, String owner, String accountId) {
        for (Webhook webhook : webhooks.audience(owner, accountId)) {
            if (webhook.wants(event.type())) {
                String id = "dlv_"
                        + UUID.nameUUIDFromBytes((event.id() + ":" + webhook.id()).getBytes(StandardCharsets.UTF_8))
                                .toString()
                                .replace("-", "");
                var stored = deliveries.createIfAbsent(
                        WebhookDelivery.pending(id, webhook.id(), webhook.client(), event, clock.instant()));
                if (stored.status() == WebhookDelivery.Status.PENDING && stored.attempts() == 0) {
                    enqueue(id);
                }
            }
        }
    }

    void enqueue(String deliveryId) {
        publisher.publish("", WEBHOOK_DELIVERIES_QUEUE, message(deliveryId));
    }

    static Message message(String deliveryId) {
        return MessageBuilder.withBody(deliveryId.getBytes(StandardCharsets.UTF_8))
                .setContentType("text/plain")
                .setMessageId(deliveryId)
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .build();
    }
}
