package io.graphmail.platform.messaging;

import static io.graphmail.contract.MailTopology.COMMANDS_EXCHANGE;
import static io.graphmail.contract.MailTopology.RETRY_EXCHANGE;
import static io.graphmail.contract.MailTopology.SEND_QUEUE;
import static io.graphmail.contract.MailTopology.SEND_ROUTING_KEY;
import static io.graphmail.contract.MailTopology.TRANSACTIONAL_SEND_QUEUE;
import static io.graphmail.contract.MailTopology.TRANSACTIONAL_SEND_ROUTING_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.graphmail.testsupport.TestBackends;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * The delay queues on a real broker: what they are declared with, and that a command whose send
 * queue cannot take it when its delay ends waits for it instead of being dropped. Runs beside the module's other test
 * classes; the broker client logs refused declarations, so not beside one that reads the output.
 */
@ResourceLock(Resources.SYSTEM_OUT)
class DelayQueuesIntegrationTests {

    static CachingConnectionFactory connections;
    static RabbitAdmin admin;
    static RabbitTemplate rabbit;

    @BeforeAll
    static void declareTopology() {
        connections = new CachingConnectionFactory(TestBackends.rabbitUri());
        admin = new RabbitAdmin(connections);
        rabbit = new RabbitTemplate(connections);
        declareAll();
    }

    @AfterAll
    static void close() {
        connections.destroy();
    }

    @Test
    void everyDelayQueueIsAQuorumQueueThatDeadLettersToTheSendQueueAtLeastOnce() throws Exception {
        for (RetryTier tier : RetryTier.values()) {
            assertDeclaredAsDelayQueue(tier, tier.queue(), SEND_ROUTING_KEY);
            assertDeclaredAsDelayQueue(tier, tier.transactionalQueue(), TRANSACTIONAL_SEND_ROUTING_KEY);
        }
    }

    private static void assertDeclaredAsDelayQueue(RetryTier tier, String queue, String sendRoutingKey)
            throws Exception {
        Map<String, Object> expected = Map.of(
                "x-queue-type",
                "quorum",
                "x-message-ttl",
                (int) tier.delay().toMillis(),
                "x-overflow",
                "reject-publish",
                "x-dead-letter-strategy",
                "at-least-once",
                "x-dead-letter-exchange",
                COMMANDS_EXCHANGE,
                "x-dead-letter-routing-key",
                sendRoutingKey);

        assertThat(redeclare(queue, expected)).as(queue).isTrue();
        for (String argument : expected.keySet()) {
            var withoutIt = new HashMap<>(expected);
            withoutIt.remove(argument);
            assertThat(redeclare(queue, withoutIt))
                    .as("%s declared without %s", queue, argument)
                    .isFalse();
        }
    }

    @Test
    void aDelayedCommandComesBackToTheSendQueueWhenItsDelayEnds() {
        String id = publishDelayed(RetryTier.QUARTER_SECOND);

        assertThat(receiveFromSendQueue(Duration.ofSeconds(10))).isEqualTo(id);
    }

    @Test
    void aDelayedTransactionalCommandComesBackToTheTransactionalQueue() {
        String id = UUID.randomUUID().toString();
        rabbit.send(RETRY_EXCHANGE, RetryTier.QUARTER_SECOND.transactionalRoutingKey(), message(id));

        assertThat(receive(TRANSACTIONAL_SEND_QUEUE, Duration.ofSeconds(10))).isEqualTo(id);
    }

    @Test
    void aCommandWhoseSendQueueCannotTakeItWaitsInItsDelayQueueUntilItCan() {
        assumeTrue(
                TestBackends.rabbitUri().getPath().length() > 1,
                "deletes the send queue: only in a virtual host of this test run's own");
        admin.deleteQueue(SEND_QUEUE);
        String id = publishDelayed(RetryTier.QUARTER_SECOND);
        await().pollDelay(Duration.ofSeconds(2)).until(() -> true); // long past its TTL: dead-lettering failed

        declareAll();

        // The broker retries an unconfirmed dead letter after its publisher-confirm timeout (3 min by default).
        long start = System.nanoTime();
        assertThat(receiveFromSendQueue(Duration.ofMinutes(4))).isEqualTo(id);
        System.out.printf("dead letter reached the send queue %d s after it was back%n", seconds(start));
    }

    @Test
    void aClassicDelayQueueWouldHaveDroppedIt() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        var target = new DirectExchange("test.target." + suffix, false, true);
        Queue delay = QueueBuilder.nonDurable("test.delay." + suffix)
                .ttl(250)
                .deadLetterExchange(target.getName())
                .deadLetterRoutingKey("send")
                .build();
        Queue send = QueueBuilder.nonDurable("test.send." + suffix).build();
        admin.declareExchange(target);
        admin.declareQueue(delay);
        try {
            rabbit.send("", delay.getName(), message("dropped"));
            await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
            admin.declareQueue(send);
            admin.declareBinding(BindingBuilder.bind(send).to(target).with("send"));

            assertThat(rabbit.receive(send.getName(), 2000)).isNull();
        } finally {
            admin.deleteQueue(delay.getName());
            admin.deleteQueue(send.getName());
            admin.deleteExchange(target.getName());
        }
    }

    private static String publishDelayed(RetryTier tier) {
        String id = UUID.randomUUID().toString();
        rabbit.send(RETRY_EXCHANGE, tier.routingKey(), message(id));
        return id;
    }

    private static String receiveFromSendQueue(Duration within) {
        return receive(SEND_QUEUE, within);
    }

    private static String receive(String queue, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            Message received = rabbit.receive(queue, 1000);
            if (received != null) {
                return received.getMessageProperties().getMessageId();
            }
        }
        return null;
    }

    private static Message message(String id) {
        return MessageBuilder.withBody(id.getBytes()).setMessageId(id).build();
    }

    /** Whether the queue can be declared with exactly these arguments (the broker refuses others). */
    private static boolean redeclare(String queue, Map<String, Object> arguments) throws Exception {
        try (var connection = connections.createConnection();
                var channel = connection.createChannel(false)) {
            channel.queueDeclare(queue, true, false, false, arguments);
            return true;
        } catch (IOException refused) {
            assertThat(refused).hasStackTraceContaining("PRECONDITION_FAILED");
            return false;
        }
    }

    private static void declareAll() {
        var declarables = MailTopologyDeclarations.all();
        declarables.getDeclarablesByType(Exchange.class).forEach(admin::declareExchange);
        declarables.getDeclarablesByType(Queue.class).forEach(admin::declareQueue);
        declarables.getDeclarablesByType(Binding.class).forEach(admin::declareBinding);
    }

    private static long seconds(long since) {
        return Duration.ofNanos(System.nanoTime() - since).toSeconds();
    }
}
