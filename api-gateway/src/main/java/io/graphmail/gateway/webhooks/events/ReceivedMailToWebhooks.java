package io.graphmail.gateway.webhooks.events;

import static io.graphmail.contract.MailTopology.GATEWAY_RECEIVED_MAIL_QUEUE;

import io.graphmail.contract.sync.MailReceived;
import io.graphmail.gateway.webhooks.delivery.EmittingEvents;
import io.graphmail.gateway.webhooks.delivery.WebhookEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import org.bson.Document;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code message.received}, one event per new message of a {@link MailReceived} page, for the account's owner and
 * every client that may use the account (as for {@code account.*}). The event's id derives from the account and the
 * message, so a page told twice (a redelivery, or a round that wrote it again after a failure) is the same events.
 */
@Component
class ReceivedMailToWebhooks {

    private final MongoTemplate mongo;
    private final EmittingEvents emitting;
    private final ReceivedMailProperties properties;

    ReceivedMailToWebhooks(MongoTemplate mongo, EmittingEvents emitting, ReceivedMailProperties properties) {
        this.mongo = mongo;
        this.emitting = emitting;
        this.properties = properties;
    }

    @RabbitListener(id = "received-mail", queues = GATEWAY_RECEIVED_MAIL_QUEUE)
    void onReceived(MailReceived received) {
        if (received.messages().isEmpty()) {
            return;
        }
        Document account = mongo.getCollection("accounts")
                .find(new Document("_id", received.accountId()))
                .first();
        String owner = account == null ? null : account.getString("owner");
        var audience = emitting.audience(owner, received.accountId()).stream()
                .filter(webhook -> webhook.wants(WebhookEvents.MESSAGE_RECEIVED))
                .toList();
        if (audience.isEmpty()) {
            return;
        }
        var events = new ArrayList<WebhookEvent>(received.messages().size());
        for (MailReceived.ReceivedMessage message : received.messages()) {
            events.add(WebhookEvent.of(
                    WebhookEvents.MESSAGE_RECEIVED,
                    received.accountId() + ":" + message.messageId(),
                    received.storedAt(),
                    data(received, message)));
        }
        emitting.emitAll(events, audience);
    }

    private LinkedHashMap<String, Object> data(MailReceived received, MailReceived.ReceivedMessage message) {
        var data = new LinkedHashMap<String, Object>();
        data.put("accountId", received.accountId());
        data.put("folder", received.folder());
        data.put("messageId", message.messageId());
        data.put("graphId", message.graphId());
        data.put("internetMessageId", message.internetMessageId());
        data.put("from", message.from());
        if (properties.includeSubject()) {
            data.put("subject", message.subject());
        }
        data.put(
                "receivedDateTime",
                message.receivedDateTime() == null
                        ? null
                        : message.receivedDateTime().toString());
        return data;
    }
}
