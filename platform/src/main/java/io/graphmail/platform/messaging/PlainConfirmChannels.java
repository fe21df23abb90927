package io.graphmail.platform.messaging;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.ReturnListener;
import com.rabbitmq.client.ShutdownListener;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;

/**
 * Publishes chunks of JSON on plain amqp-client channels in confirm mode, opened on the connection factory's own
 * connection, and matches every message's ack, nack or return to it by its sequence number and message id.
 *
 * <p>Hand-written because Spring AMQP's template with correlated confirms costs the publishing thread more than twice
 * the CPU per message of a plain channel (a pending confirm registered per message, two correlation headers, a message
 * and its properties converted), and confirms at about two thirds of its rate (BENCHMARKS.md, <i>Chunk publish</i>):
 * the gateway publishes every message of a batch this way. The connection stays Spring's: it is opened, shared and
 * opened again after a failure by the connection factory; channels found closed are dropped. A channel whose chunk
 * was not confirmed in time is closed rather than used again, so that late confirms can never count for another chunk.
 * At most {@value #MOST_IDLE} channels wait for the next chunk; those a burst of chunks opened beyond that are closed.
 */
final class PlainConfirmChannels {

    /** As many idle channels as Spring's channel cache keeps by default; more at once are closed when done. */
    static final int MOST_IDLE = 25;

    private final Supplier<ConnectionFactory> connections;
    private final Duration confirmTimeout;
    private final BlockingQueue<ConfirmChannel> idle = new LinkedBlockingQueue<>(MOST_IDLE);

    PlainConfirmChannels(Supplier<ConnectionFactory> connections, Duration confirmTimeout) {
        this.connections = connections;
        this.confirmTimeout = confirmTimeout;
    }

    /**
     * Publishes every message (mandatory, each with {@code properties} and its id as message id), then waits once for
     * all their confirms; returns the ids the broker took: confirmed and routed to a queue.
     *
     * @throws PublishFailed if not one message could be published (the broker could not be reached)
     */
    List<UUID> publish(String exchange, String routingKey, AMQP.BasicProperties properties, Map<UUID, String> json) {
        ConfirmChannel channel = take();
        long deadline = System.nanoTime() + confirmTimeout.toNanos();
        try {
            channel.publish(exchange, routingKey, properties, json);
        } catch (IOException | RuntimeException e) {
            if (channel.sent() == 0) {
                channel.close();
                throw new PublishFailed("broker unreachable", e);
            }
            // Those sent before the failure may still be confirmed.
        }
        List<UUID> confirmed = channel.awaitConfirms(deadline);
        handBack(channel);
        return confirmed;
    }

    /** Keeps a channel that is open and owes no confirm for the next chunk, unless enough wait already. */
    private void handBack(ConfirmChannel channel) {
        if (!channel.isSettled() || !channel.isOpen() || !idle.offer(channel)) {
            channel.close();
        }
    }

    /** How many channels wait for the next chunk. */
    int idleChannels() {
        return idle.size();
    }

    private ConfirmChannel take() {
        for (ConfirmChannel channel = idle.poll(); channel != null; channel = idle.poll()) {
            if (channel.isOpen()) {
                return channel;
            }
        }
        try {
            Channel opened = connections.get().createConnection().getDelegate().createChannel();
            if (opened == null) {
                throw new PublishFailed("the broker allows this connection no more channels");
            }
            return ConfirmChannel.open(opened);
        } catch (IOException | AmqpException | ShutdownSignalException e) {
            throw new PublishFailed("broker unreachable", e);
        }
    }

    /** A channel in confirm mode and what became of the messages of the chunk it publishes. */
    private static final class ConfirmChannel implements ConfirmListener, ReturnListener, ShutdownListener {

        private final Channel channel;
        /** The chunk's messages not confirmed yet, by sequence number. */
        private final NavigableMap<Long, UUID> unsettled = new TreeMap<>();

        private final Set<UUID> returned = new HashSet<>();
        private final List<UUID> confirmed = new ArrayList<>();
        private int sent;
        private boolean shutDown;

        private ConfirmChannel(Channel channel) {
            this.channel = channel;
        }

        static ConfirmChannel open(Channel channel) throws IOException {
            channel.confirmSelect();
            var confirmChannel = new ConfirmChannel(channel);
            channel.addConfirmListener(confirmChannel);
            channel.addReturnListener(confirmChannel);
            channel.addShutdownListener(confirmChannel);
            return confirmChannel;
        }

        void publish(String exchange, String routingKey, AMQP.BasicProperties properties, Map<UUID, String> json)
                throws IOException {
            synchronized (this) {
                unsettled.clear();
                returned.clear();
                confirmed.clear();
                sent = 0;
            }
            for (var message : json.entrySet()) {
                long sequence = channel.getNextPublishSeqNo();
                synchronized (this) {
                    unsettled.put(sequence, message.getKey());
                }
                try {
                    channel.basicPublish(
                            exchange,
                            routingKey,
                            true,
                            properties
                                    .builder()
                                    .messageId(message.getKey().toString())
                                    .build(),
                            message.getValue().getBytes(StandardCharsets.UTF_8));
                } catch (IOException | RuntimeException e) {
                    // It never reached the broker: not waited for.
                    synchronized (this) {
                        unsettled.remove(sequence);
                    }
                    throw e;
                }
                synchronized (this) {
                    sent++;
                }
            }
        }

        synchronized int sent() {
            return sent;
        }

        /** Waits until every message sent is settled, the channel shut down, or the deadline passed. */
        synchronized List<UUID> awaitConfirms(long deadline) {
            while (!unsettled.isEmpty() && !shutDown) {
                long wait = deadline - System.nanoTime();
                if (wait <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return List.copyOf(confirmed);
        }

        synchronized boolean isSettled() {
            return unsettled.isEmpty();
        }

        boolean isOpen() {
            return channel.isOpen();
        }

        void close() {
            try {
                if (channel.isOpen()) {
                    channel.abort();
                }
            } catch (IOException | RuntimeException ignored) {
                // Closing a broken channel can fail as well; it is dropped either way.
            }
        }

        @Override
        public synchronized void handleAck(long sequence, boolean multiple) {
            settle(sequence, multiple, true);
        }

        @Override
        public synchronized void handleNack(long sequence, boolean multiple) {
            settle(sequence, multiple, false);
        }

        private void settle(long sequence, boolean multiple, boolean ack) {
            var settled =
                    multiple ? unsettled.headMap(sequence, true) : unsettled.subMap(sequence, true, sequence, true);
            if (ack) {
                // The broker returns an unroutable message before it acknowledges it.
                settled.values().stream().filter(id -> !returned.contains(id)).forEach(confirmed::add);
            }
            settled.clear();
            notifyAll();
        }

        @Override
        public synchronized void handleReturn(
                int replyCode,
                String replyText,
                String exchange,
                String routingKey,
                AMQP.BasicProperties properties,
                byte[] body) {
            if (properties.getMessageId() != null) {
                returned.add(UUID.fromString(properties.getMessageId()));
            }
        }

        @Override
        public synchronized void shutdownCompleted(ShutdownSignalException cause) {
            shutDown = true;
            notifyAll();
        }
    }
}
