package io.graphmail.bench;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.LongString;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The broker's raw rates with nothing of graphmail in the way: a plain amqp-client publishing to and consuming from
 * a throwaway quorum queue (the type of graphmail's queues), in the same virtual host as the run it is compared to.
 */
final class RawBroker implements AutoCloseable {

    private static final AMQP.BasicProperties PERSISTENT_JSON = new AMQP.BasicProperties.Builder()
            .contentType("application/json")
            .deliveryMode(2)
            .build();

    private final Connection connection;
    private final Channel admin;
    private Channel chunkChannel;

    RawBroker(URI uri) throws Exception {
        var factory = new ConnectionFactory();
        factory.setUri(uri);
        this.connection = factory.newConnection("graphmail-bench");
        this.admin = connection.createChannel();
    }

    /** Declares a quorum queue of its own; delete it with {@link #delete}. */
    String declareQueue() throws Exception {
        String name = "bench.raw." + UUID.randomUUID();
        admin.queueDeclare(name, true, false, false, Map.of("x-queue-type", "quorum"));
        return name;
    }

    /** One message of the queue, left in it (requeued). */
    byte[] peek(String queue) throws Exception {
        GetResponse message = admin.basicGet(queue, false);
        if (message == null) {
            throw new IllegalStateException(queue + " is empty");
        }
        admin.basicNack(message.getEnvelope().getDeliveryTag(), false, true);
        return message.getBody();
    }

    /** Takes {@code count} messages off the queue (acknowledged), waiting up to 30 s for them to arrive. */
    List<byte[]> take(String queue, int count) throws Exception {
        List<byte[]> taken = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (taken.size() < count) {
            GetResponse message = admin.basicGet(queue, true);
            if (message != null) {
                taken.add(message.getBody());
            } else if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + taken.size() + " of " + count + " in " + queue);
            } else {
                Thread.sleep(20);
            }
        }
        return taken;
    }

    /**
     * Publishes {@code count} persistent copies of {@code body}, waiting once for all confirms of every
     * {@code chunk} messages (as the gateway does); returns the elapsed nanoseconds.
     */
    long publish(String queue, byte[] body, int count, int chunk) throws Exception {
        try (Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            long start = System.nanoTime();
            for (int sent = 0; sent < count; ) {
                int end = Math.min(count, sent + chunk);
                for (; sent < end; sent++) {
                    channel.basicPublish("", queue, true, PERSISTENT_JSON, body);
                }
                channel.waitForConfirmsOrDie(30_000);
            }
            return System.nanoTime() - start;
        }
    }

    /**
     * Publishes a chunk of JSON commands as a plain client does (the properties graphmail gives them: persistent, JSON,
     * the type header and the message id), then waits once for all their confirms; returns their ids.
     */
    List<UUID> publishChunk(String queue, Map<UUID, String> chunk) {
        try {
            if (chunkChannel == null) {
                chunkChannel = connection.createChannel();
                chunkChannel.confirmSelect();
            }
            for (var command : chunk.entrySet()) {
                var properties = new AMQP.BasicProperties.Builder()
                        .contentType("application/json")
                        .contentEncoding("UTF-8")
                        .deliveryMode(2)
                        .priority(0)
                        .messageId(command.getKey().toString())
                        .headers(Map.of("__TypeId__", "io.graphmail.contract.send.SendMailCommand"))
                        .build();
                chunkChannel.basicPublish(
                        "", queue, true, properties, command.getValue().getBytes(StandardCharsets.UTF_8));
            }
            chunkChannel.waitForConfirmsOrDie(30_000);
            return List.copyOf(chunk.keySet());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A message as the broker delivered it: its properties (headers, ids, content type) and body. */
    record Message(AMQP.BasicProperties properties, byte[] body) {}

    /**
     * Takes {@code count} messages off the queue, in queue order, each as a publisher builds it: the broker delivers
     * string header values as {@link LongString}, which the client writes out through a stream copy, several times
     * slower than the Java strings a publisher puts there.
     */
    List<Message> drain(String queue, int count) throws Exception {
        var messages = new ArrayList<Message>(count);
        try (Channel channel = connection.createChannel()) {
            for (int i = 0; i < count; i++) {
                GetResponse message = channel.basicGet(queue, true);
                if (message == null) {
                    throw new IllegalStateException("%s held only %,d of %,d messages".formatted(queue, i, count));
                }
                messages.add(new Message(asPublished(message.getProps()), message.getBody()));
            }
        }
        return messages;
    }

    private static AMQP.BasicProperties asPublished(AMQP.BasicProperties delivered) {
        if (delivered.getHeaders() == null) {
            return delivered;
        }
        var headers = new HashMap<String, Object>();
        delivered
                .getHeaders()
                .forEach((name, value) ->
                        headers.put(name, value instanceof LongString string ? string.toString() : value));
        return delivered.builder().headers(headers).build();
    }

    /**
     * Publishes the messages as they are (same properties and bytes), persistent, waiting once for all confirms of
     * every {@code chunk} messages; returns the elapsed nanoseconds.
     */
    long publish(String queue, List<Message> messages, int chunk) throws Exception {
        try (Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            long start = System.nanoTime();
            for (int sent = 0; sent < messages.size(); ) {
                int end = Math.min(messages.size(), sent + chunk);
                for (; sent < end; sent++) {
                    var message = messages.get(sent);
                    channel.basicPublish("", queue, true, message.properties(), message.body());
                }
                channel.waitForConfirmsOrDie(30_000);
            }
            return System.nanoTime() - start;
        }
    }

    /**
     * Consumes {@code count} messages with {@code consumers} consumers on channels of their own, each with
     * {@code prefetch} and one ack per message (as a Spring listener container does); returns the elapsed nanoseconds.
     */
    long consume(String queue, int count, int consumers, int prefetch) throws Exception {
        long start = System.nanoTime();
        try (var run = new ConsumerChannels(connection, count)) {
            for (int i = 0; i < consumers; i++) {
                Channel channel = run.open();
                channel.basicQos(prefetch);
                channel.basicConsume(
                        queue,
                        false,
                        (tag, delivery) -> {
                            channel.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
                            run.countDown();
                        },
                        tag -> {});
            }
            run.await(Duration.ofSeconds(90), "consumed");
            return System.nanoTime() - start;
        }
    }

    /** Binds the queue to an exchange as well, so that it gets a copy of what is published there. */
    void bind(String queue, String exchange, String routingKey) throws Exception {
        admin.queueBind(queue, exchange, routingKey);
    }

    /** Stops the copies {@link #bind} started. */
    void unbind(String queue, String exchange, String routingKey) throws Exception {
        admin.queueUnbind(queue, exchange, routingKey);
    }

    /** Messages ready in the queue. */
    long depth(String queue) throws Exception {
        return admin.queueDeclarePassive(queue).getMessageCount();
    }

    /** Takes every message left in the queue, counting where each came from. */
    void drain(String queue, Origins origins) throws Exception {
        for (var message = admin.basicGet(queue, true); message != null; message = admin.basicGet(queue, true)) {
            origins.count(message.getProps());
        }
    }

    void purge(String queue) throws Exception {
        admin.queuePurge(queue);
    }

    void delete(String queue) throws Exception {
        admin.queueDelete(queue);
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}
