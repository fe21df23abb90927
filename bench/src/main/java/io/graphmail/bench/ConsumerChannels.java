package io.graphmail.bench;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The channels a timed consuming run opens and the count of messages it waits for: the consumers count each message
 * down once they are done with it, and the channels close together when the run ends.
 */
final class ConsumerChannels implements AutoCloseable {

    private final Connection connection;
    private final int count;
    private final CountDownLatch done;
    private final List<Channel> channels = new ArrayList<>();

    ConsumerChannels(Connection connection, int count) {
        this.connection = connection;
        this.count = count;
        this.done = new CountDownLatch(count);
    }

    Channel open() throws IOException {
        Channel channel = connection.createChannel();
        channels.add(channel);
        return channel;
    }

    void countDown() {
        done.countDown();
    }

    /** Waits until every message is done; fails with how many were {@code done} (a verb) within {@code patience}. */
    void await(Duration patience, String verb) throws InterruptedException {
        if (!done.await(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(verb + " only " + (count - done.getCount()) + " of " + count);
        }
    }

    @Override
    public void close() throws IOException, TimeoutException {
        for (Channel channel : channels) {
            if (channel.isOpen()) {
                channel.close();
            }
        }
    }
}
