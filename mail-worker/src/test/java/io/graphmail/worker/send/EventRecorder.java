package io.graphmail.worker.send;

import static io.graphmail.contract.MailTopology.EVENTS_EXCHANGE;
import static org.awaitility.Awaitility.await;

import io.graphmail.contract.accounts.AccountStatusChanged;
import io.graphmail.contract.send.MailFailed;
import io.graphmail.contract.send.MailSent;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/** Collects the result events workers publish, from a queue of its own bound to the events exchange. */
final class EventRecorder {

    private final java.util.Queue<Object> received = new ConcurrentLinkedQueue<>();
    private final RabbitTemplate rabbit;
    private final String queue;

    private EventRecorder(RabbitTemplate rabbit, String queue) {
        this.rabbit = rabbit;
        this.queue = queue;
    }

    static EventRecorder start(RabbitTemplate rabbit, RabbitAdmin admin) {
        // A plain exclusive queue: AnonymousQueue adds a leader-locator argument RabbitMQ 3.10 refuses.
        var queue = new Queue("test.events." + UUID.randomUUID(), false, true, true);
        admin.declareQueue(queue);
        admin.declareBinding(BindingBuilder.bind(queue)
                .to(new TopicExchange(EVENTS_EXCHANGE))
                .with("#"));
        return new EventRecorder(rabbit, queue.getName());
    }

    <T> T awaitOne(Class<T> type, UUID commandId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !all(type, commandId).isEmpty());
        return all(type, commandId).get(0);
    }

    <T> List<T> all(Class<T> type, UUID commandId) {
        drain();
        return received.stream()
                .filter(type::isInstance)
                .map(type::cast)
                .filter(event -> commandId.equals(commandIdOf(event)))
                .toList();
    }

    /** Every message the workers reported sent so far. */
    List<MailSent> sent() {
        drain();
        return received.stream()
                .filter(MailSent.class::isInstance)
                .map(MailSent.class::cast)
                .toList();
    }

    /** The account status changes workers reported for the account so far. */
    List<AccountStatusChanged> statusChanges(String accountId) {
        drain();
        return received.stream()
                .filter(AccountStatusChanged.class::isInstance)
                .map(AccountStatusChanged.class::cast)
                .filter(event -> accountId.equals(event.accountId()))
                .toList();
    }

    private void drain() {
        Object event;
        while ((event = rabbit.receiveAndConvert(queue)) != null) {
            received.add(event);
        }
    }

    private static UUID commandIdOf(Object event) {
        if (event instanceof MailSent sent) {
            return sent.commandId();
        }
        return event instanceof MailFailed failed ? failed.commandId() : null;
    }
}
