package io.graphmail.bench;

import com.rabbitmq.client.AMQP;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tells apart what reaches {@code graphmail.commands} with {@code mail.send.v1}: commands the gateway published, and
 * copies a worker put in one of its delay queues (a retry, or a message of a batch still being submitted held back),
 * which the broker dead-letters back through the same exchange with an {@code x-death} header.
 */
final class Origins {

    private final AtomicLong published = new AtomicLong();
    private final AtomicLong returned = new AtomicLong();

    void count(AMQP.BasicProperties properties) {
        boolean delayed =
                properties.getHeaders() != null && properties.getHeaders().containsKey("x-death");
        (delayed ? returned : published).incrementAndGet();
    }

    long published() {
        return published.get();
    }

    long returned() {
        return returned.get();
    }
}
