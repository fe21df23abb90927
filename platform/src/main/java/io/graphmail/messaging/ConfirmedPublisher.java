package io.graphmail.messaging;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessagePostProcessor;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Publishes and waits until the broker has taken responsibility for the message: confirmed and
 * routed to at least one queue. Anything less is reported as {@link PublishFailed}.
 *
 * <p>Needs {@code spring.rabbitmq.publisher-confirm-type=correlated},
 * {@code spring.rabbitmq.publisher-returns=true} and {@code spring.rabbitmq.template.mandatory=true}.
 */
public class ConfirmedPublisher {

    private final RabbitTemplate rabbitTemplate;
    private final Duration confirmTimeout;

    public ConfirmedPublisher(RabbitTemplate rabbitTemplate, Duration confirmTimeout) {
        this.rabbitTemplate = rabbitTemplate;
        this.confirmTimeout = confirmTimeout;
    }

    /** Converts and publishes {@code payload}, setting the AMQP message id. */
    public void publish(String exchange, String routingKey, Object payload, UUID messageId) {
        MessagePostProcessor withId = message -> {
            message.getMessageProperties().setMessageId(messageId.toString());
            return message;
        };
        send(
                exchange,
                routingKey,
                correlation -> rabbitTemplate.convertAndSend(exchange, routingKey, payload, withId, correlation));
    }

    /**
     * Publishes many payloads, then waits for all their confirms at once (far faster than one by
     * one). Returns the ids the broker took; the rest failed and may be published again.
     */
    public java.util.List<UUID> publishAll(String exchange, String routingKey, java.util.Map<UUID, ?> payloads) {
        var pending = new java.util.LinkedHashMap<UUID, CorrelationData>();
        try {
            payloads.forEach((id, payload) -> {
                var correlation = new CorrelationData(id.toString());
                rabbitTemplate.convertAndSend(
                        exchange,
                        routingKey,
                        payload,
                        message -> {
                            message.getMessageProperties().setMessageId(id.toString());
                            return message;
                        },
                        correlation);
                pending.put(id, correlation);
            });
        } catch (AmqpException e) {
            if (pending.isEmpty()) {
                throw new PublishFailed("broker unreachable", e);
            }
        }
        var confirmed = new java.util.ArrayList<UUID>();
        long deadline = System.nanoTime() + confirmTimeout.toNanos();
        pending.forEach((id, correlation) -> {
            if (isConfirmed(correlation, Math.max(0, deadline - System.nanoTime()))) {
                confirmed.add(id);
            }
        });
        return confirmed;
    }

    private boolean isConfirmed(CorrelationData correlation, long waitNanos) {
        try {
            var confirm = correlation.getFuture().get(waitNanos, TimeUnit.NANOSECONDS);
            return confirm.ack() && correlation.getReturned() == null;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Publishes an already built message as it is. */
    public void publish(String exchange, String routingKey, Message message) {
        send(exchange, routingKey, correlation -> rabbitTemplate.send(exchange, routingKey, message, correlation));
    }

    private void send(String exchange, String routingKey, Publication publication) {
        var correlation = new CorrelationData();
        try {
            publication.publish(correlation);
            CorrelationData.Confirm confirm =
                    correlation.getFuture().get(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!confirm.ack()) {
                throw new PublishFailed("broker refused the message: " + confirm.reason());
            }
            if (correlation.getReturned() != null) {
                throw new PublishFailed("no queue bound for " + exchange + "/" + routingKey);
            }
        } catch (AmqpException e) {
            throw new PublishFailed("broker unreachable", e);
        } catch (TimeoutException e) {
            throw new PublishFailed("no confirm within " + confirmTimeout, e);
        } catch (ExecutionException e) {
            throw new PublishFailed("confirm failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailed("interrupted while waiting for a confirm", e);
        }
    }

    @FunctionalInterface
    private interface Publication {
        void publish(CorrelationData correlation);
    }
}
