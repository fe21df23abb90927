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
