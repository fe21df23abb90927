package io.graphmail.bench;

import static io.graphmail.contract.MailTopology.EVENTS_EXCHANGE;
import static io.graphmail.contract.MailTopology.SEND_QUEUE;
import static io.graphmail.contract.MailTopology.SENT_ROUTING_KEY;

import io.graphmail.contract.send.MailSent;
import io.graphmail.platform.messaging.ConfirmedPublisher;
import io.graphmail.testsupport.TestAccounts;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Messages the gateway has accepted and then hears were sent, which is where its {@code mail.sent} webhook events come
 * from. No worker runs: a batch is accepted (its records stored, its commands queued), the commands are taken off the
 * send queue, and for each a {@link MailSent} is published to the events exchange as a worker publishes it, at a
 * steady rate, its {@code sentAt} (the webhook event's timestamp) being the moment of publishing.
 */
final class SentMail {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final GatewayClient api;
    private final RawBroker broker;
    private final ConfirmedPublisher publisher;

    SentMail(GatewayClient api, RawBroker broker, ConfirmedPublisher publisher) {
        this.api = api;
        this.broker = broker;
        this.publisher = publisher;
    }

    record Accepted(UUID commandId, String accountId) {}

    /** A fresh account's batch of {@code messages}, accepted and taken off the send queue. */
    List<Accepted> accept(int messages) throws Exception {
        String accountId = Batches.accountId("webhooks");
        api.registerAccount(TestAccounts.applicationAccountJson(accountId, Batches.mailbox(accountId)));
        api.submitBatch(Batches.template(accountId, messages));
        return broker.take(SEND_QUEUE, messages).stream()
                .map(JSON::readTree)
                .map(SentMail::accepted)
                .toList();
    }

    /** Publishes a {@link MailSent} for each, {@code perSecond} a second (0: all at once); returns the nanos taken. */
    long sent(List<Accepted> messages, double perSecond) {
        long start = System.nanoTime();
        for (int i = 0; i < messages.size(); i++) {
            if (perSecond > 0) {
                LockSupport.parkNanos(start + (long) (i * 1e9 / perSecond) - System.nanoTime());
            }
            var message = messages.get(i);
            var event = new MailSent(UUID.randomUUID(), message.commandId(), message.accountId(), 1, Instant.now());
            publisher.publish(EVENTS_EXCHANGE, SENT_ROUTING_KEY, event, event.eventId());
        }
        return System.nanoTime() - start;
    }

    private static Accepted accepted(JsonNode command) {
        return new Accepted(
                UUID.fromString(command.get("commandId").asString()),
                command.get("accountId").asString());
    }
}
