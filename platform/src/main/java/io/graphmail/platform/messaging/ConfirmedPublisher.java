package io.graphmail.platform.messaging;

import com.rabbitmq.client.AMQP;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.SenderContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessagePostProcessor;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;
import org.springframework.amqp.rabbit.support.MessagePropertiesConverter;
import org.springframework.amqp.support.converter.AbstractJacksonMessageConverter;
import org.springframework.amqp.support.converter.ClassMapper;

/**
 * Publishes and waits until the broker has taken responsibility for the message: confirmed and
 * routed to at least one queue. Anything less is reported as {@link PublishFailed}.
 *
 * <p>Needs {@code spring.rabbitmq.publisher-confirm-type=correlated},
 * {@code spring.rabbitmq.publisher-returns=true} and {@code spring.rabbitmq.template.mandatory=true}. Chunks of JSON
 * ({@link #publishAllJson}: every command of a batch) go out on plain channels of the same connection instead, at half
 * the template's CPU per message ({@link PlainConfirmChannels}).
 *
 * <p>{@code graphmail_publish_confirm_seconds{routing_key, result}} times each publication until its
 * confirm (for {@link #publishAll} the whole chunk): {@code result} is {@code confirmed} or
 * {@code failed}.
 *
 * <p>A single message is observed (a span, its trace context in the message's headers) as it is sent; a chunk is one
 * observation ({@value #CHUNK_OBSERVATION}), whose trace context every message of the chunk carries: an observation per
 * message cost several times the send itself.
 */
public class ConfirmedPublisher {

    /** The observation that covers one chunk of {@link #publishAll} or {@link #publishAllJson}. */
    static final String CHUNK_OBSERVATION = "graphmail.publish.chunk";

    private static final MessagePropertiesConverter PROPERTIES = new DefaultMessagePropertiesConverter();
    private static final Runnable NOTHING = () -> {};
    /** Not yet answered by the broker (or answered after the publishing thread gave up waiting). */
    private static final long NOT_ANSWERED = Long.MIN_VALUE;

    private final RabbitTemplate rabbitTemplate;
    private final RabbitTemplate bulkTemplate;
    private final ObservationRegistry observations;
    private final CurrentTrace currentTrace;
    private final Duration confirmTimeout;
    private final MeterRegistry meterRegistry;
    private final PlainConfirmChannels jsonChannels;

    /**
     * @param rabbitTemplate publishes single messages, each observed (and traced) on its own
     * @param bulkTemplate publishes chunks: configured as {@code rabbitTemplate} is, but with observation off; each
     *     chunk is one observation in {@code observations}
     * @param currentTrace the trace context a message published by {@link #publishInCurrentTrace} carries
     */
    public ConfirmedPublisher(
            RabbitTemplate rabbitTemplate,
            RabbitTemplate bulkTemplate,
            ObservationRegistry observations,
            CurrentTrace currentTrace,
            Duration confirmTimeout,
            MeterRegistry meterRegistry) {
        this.rabbitTemplate = rabbitTemplate;
        this.bulkTemplate = bulkTemplate;
        this.observations = observations;
        this.currentTrace = currentTrace;
        this.confirmTimeout = confirmTimeout;
        this.meterRegistry = meterRegistry;
        this.jsonChannels = new PlainConfirmChannels(() -> this.bulkTemplate.getConnectionFactory(), confirmTimeout);
    }

    /** Converts and publishes {@code payload}, setting the AMQP message id. */
    public void publish(String exchange, String routingKey, Object payload, UUID messageId) {
        publish(exchange, routingKey, payload, messageId, Map.of());
    }

    /** Converts and publishes {@code payload} with these headers, setting the AMQP message id. */
    public void publish(String exchange, String routingKey, Object payload, UUID messageId, Map<String, ?> headers) {
        publish(exchange, routingKey, payload, messageId, headers, NOTHING);
    }

    private void publish(
            String exchange,
            String routingKey,
            Object payload,
            UUID messageId,
            Map<String, ?> headers,
            Runnable meanwhile) {
        send(
                exchange,
                routingKey,
                correlation -> rabbitTemplate.convertAndSend(
                        exchange, routingKey, payload, withMessageId(messageId, headers), correlation),
                meanwhile);
    }

    /**
     * As {@link #publish(String, String, Object, UUID)}, for a message whose publication the current observation
     * already covers (a listener's, for the result of the message it handles): it is not observed on its own, and
     * carries the current span's trace context (an observation of its own cost about as much as the rest of the
     * publication). With no span current it is observed as {@link #publish(String, String, Object, UUID)} would,
     * so that it still starts a trace.
     */
    public void publishInCurrentTrace(String exchange, String routingKey, Object payload, UUID messageId) {
        publishInCurrentTrace(exchange, routingKey, payload, messageId, NOTHING);
    }

    /**
     * As {@link #publishInCurrentTrace(String, String, Object, UUID)}, doing {@code meanwhile} while the broker's
     * confirm is on its way: the caller waits for the longer of the two, not for both one after the other.
     * {@code meanwhile} runs once, even if the message could not be sent, and the confirm is awaited whatever it does;
     * should it throw, that is what this throws, any failure of the publication added to it as suppressed, and the
     * message may have been published all the same.
     */
    public void publishInCurrentTrace(
            String exchange, String routingKey, Object payload, UUID messageId, Runnable meanwhile) {
        Map<String, String> trace = currentTrace.headers();
        if (trace.isEmpty()) {
            publish(exchange, routingKey, payload, messageId, Map.of(), meanwhile);
            return;
        }
        send(
                exchange,
                routingKey,
                correlation -> bulkTemplate.convertAndSend(
                        exchange, routingKey, payload, withMessageId(messageId, trace, Map.of()), correlation),
                meanwhile);
    }

    /**
     * Publishes many payloads on one channel, then waits for all their confirms at once (far faster
     * than one by one, and than a channel per message). Returns the ids the broker took; the rest
     * failed and may be published again.
     */
    public List<UUID> publishAll(String exchange, String routingKey, Map<UUID, ?> payloads) {
        return publishAll(exchange, routingKey, payloads, Map.of());
    }

    /** As {@link #publishAll(String, String, Map)}, each message with the headers {@code headers} holds for its id. */
    public List<UUID> publishAll(
            String exchange, String routingKey, Map<UUID, ?> payloads, Map<UUID, ? extends Map<String, ?>> headers) {
        return publishChunk(
                exchange,
                routingKey,
                payloads.keySet(),
                (id, trace, correlation) -> bulkTemplate.convertAndSend(
                        exchange,
                        routingKey,
                        payloads.get(id),
                        withMessageId(id, trace, headers.containsKey(id) ? headers.get(id) : Map.of()),
                        correlation));
    }

    /**
     * As {@link #publishAll(String, String, Map)} for payloads already serialised as JSON by the {@code JsonMapper}
     * the message converter uses: each goes out as the converter would have made it of a {@code type} (the same body,
     * content type, encoding and type header), without being converted again.
     */
    public List<UUID> publishAllJson(String exchange, String routingKey, Class<?> type, Map<UUID, String> json) {
        return observedChunk(
                exchange,
                routingKey,
                json.size(),
                trace -> jsonChannels.publish(exchange, routingKey, jsonProperties(type, trace), json));
    }

    /**
     * The properties every message of a JSON chunk gets: those the converter gives a {@code type}, the trace context,
     * and what the bulk template's before-publish post-processors add (run once, on a message without a body).
     */
    private AMQP.BasicProperties jsonProperties(Class<?> type, Map<String, String> trace) {
        var properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setContentEncoding(StandardCharsets.UTF_8.name());
        typeMapper().fromClass(type, properties);
        trace.forEach(properties::setHeader);
        var prototype = new Message(new byte[0], properties);
        var postProcessors = bulkTemplate.getBeforePublishPostProcessors();
        if (postProcessors != null) {
            for (MessagePostProcessor postProcessor : postProcessors) {
                prototype = postProcessor.postProcessMessage(prototype);
            }
        }
        return PROPERTIES.fromMessageProperties(prototype.getMessageProperties(), StandardCharsets.UTF_8.name());
    }

    /**
     * Publishes a chunk on one channel of the bulk template, whose sends are not observed one by one: one observation
     * covers the chunk, and its trace context goes out in every message's headers.
     */
    private List<UUID> publishChunk(String exchange, String routingKey, Collection<UUID> ids, ChunkSend send) {
        return observedChunk(exchange, routingKey, ids.size(), trace -> {
            var pending = new LinkedHashMap<UUID, CorrelationData>();
            var confirmed = new ArrayList<UUID>();
            try {
                // Waiting inside invoke() hands the channel back with no confirm outstanding, so the
                // connection factory can cache it at once instead of opening a new one next time.
                bulkTemplate.invoke(operations -> {
                    for (UUID id : ids) {
                        var correlation = new CorrelationData(id.toString());
                        pending.put(id, correlation);
                        send.publish(id, trace, correlation);
                    }
                    awaitConfirms(pending, confirmed);
                    return null;
                });
            } catch (AmqpException e) {
                if (pending.isEmpty()) {
                    throw new PublishFailed("broker unreachable", e);
                }
                confirmed.clear();
                awaitConfirms(pending, confirmed);
            }
            return confirmed;
        });
    }

    /** One observation and one timing for a chunk's publication, until its confirms are in. */
    private List<UUID> observedChunk(
            String exchange, String routingKey, int size, Function<Map<String, String>, List<UUID>> publication) {
        Timer.Sample sample = Timer.start(meterRegistry);
        var context = new SenderContext<Map<String, String>>((carrier, key, value) -> carrier.put(key, value));
        context.setCarrier(new HashMap<>());
        context.setRemoteServiceName("RabbitMQ");
        var observation = Observation.createNotStarted(CHUNK_OBSERVATION, () -> context, observations)
                .contextualName(exchange + "/" + routingKey + " publish")
                .lowCardinalityKeyValue("routing_key", routingKey)
                .start();
        List<UUID> confirmed;
        try (var scope = observation.openScope()) {
            confirmed = publication.apply(context.getCarrier());
        } catch (PublishFailed e) {
            observation.error(e);
            observation.stop();
            stop(sample, routingKey, false);
            throw e;
        }
        observation.stop();
        stop(sample, routingKey, confirmed.size() == size);
        return confirmed;
    }

    private ClassMapper typeMapper() {
        if (bulkTemplate.getMessageConverter() instanceof AbstractJacksonMessageConverter jackson) {
            return jackson.getJavaTypeMapper();
        }
        throw new IllegalStateException("JSON is published only with a Jackson message converter");
    }

    private void awaitConfirms(Map<UUID, CorrelationData> pending, List<UUID> confirmed) {
        long deadline = System.nanoTime() + confirmTimeout.toNanos();
        pending.forEach((id, correlation) -> {
            if (isConfirmed(correlation, Math.max(0, deadline - System.nanoTime()))) {
                confirmed.add(id);
            }
        });
    }

    private static MessagePostProcessor withMessageId(UUID id, Map<String, ?> headers) {
        return withMessageId(id, Map.of(), headers);
    }

    private static MessagePostProcessor withMessageId(UUID id, Map<String, String> trace, Map<String, ?> headers) {
        return message -> {
            message.getMessageProperties().setMessageId(id.toString());
            trace.forEach(message.getMessageProperties()::setHeader);
            headers.forEach(message.getMessageProperties()::setHeader);
            return message;
        };
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
        send(
                exchange,
                routingKey,
                correlation -> rabbitTemplate.send(exchange, routingKey, message, correlation),
                NOTHING);
    }

    private void send(String exchange, String routingKey, Publication publication, Runnable meanwhile) {
        var correlation = new CorrelationData();
        long start = System.nanoTime();
        var answered = new AtomicLong(NOT_ANSWERED);
        correlation.getFuture().whenComplete((confirm, e) -> answered.set(System.nanoTime()));
        PublishFailed failed = null;
        try {
            publication.publish(correlation);
        } catch (AmqpException e) {
            failed = new PublishFailed("broker unreachable", e);
        } catch (RuntimeException e) {
            time(routingKey, start, answered, false);
            throw e;
        }
        RuntimeException meanwhileFailed = null;
        try {
            meanwhile.run();
        } catch (RuntimeException e) {
            meanwhileFailed = e;
        }
        if (failed == null) {
            failed = confirmFailure(exchange, routingKey, correlation);
        }
        time(routingKey, start, answered, failed == null);
        if (meanwhileFailed != null) {
            if (failed != null) {
                meanwhileFailed.addSuppressed(failed);
            }
            throw meanwhileFailed;
        }
        if (failed != null) {
            throw failed;
        }
    }

    /** Waits for the broker's answer: {@code null} if it took the message, what went wrong otherwise. */
    private PublishFailed confirmFailure(String exchange, String routingKey, CorrelationData correlation) {
        try {
            CorrelationData.Confirm confirm =
                    correlation.getFuture().get(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!confirm.ack()) {
                return new PublishFailed("broker refused the message: " + confirm.reason());
            }
            if (correlation.getReturned() != null) {
                return new PublishFailed("no queue bound for " + exchange + "/" + routingKey);
            }
            return null;
        } catch (TimeoutException e) {
            return new PublishFailed("no confirm within " + confirmTimeout, e);
        } catch (ExecutionException e) {
            return new PublishFailed("confirm failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new PublishFailed("interrupted while waiting for a confirm", e);
        }
    }

    /** Until the broker answered, however long the publishing thread did something else meanwhile. */
    private void time(String routingKey, long start, AtomicLong answered, boolean confirmed) {
        long end = answered.get() != NOT_ANSWERED ? answered.get() : System.nanoTime();
        confirmTimer(routingKey, confirmed).record(end - start, TimeUnit.NANOSECONDS);
    }

    private void stop(Timer.Sample sample, String routingKey, boolean confirmed) {
        sample.stop(confirmTimer(routingKey, confirmed));
    }

    private Timer confirmTimer(String routingKey, boolean confirmed) {
        return Timer.builder("graphmail.publish.confirm")
                .description("From publishing until the broker confirmed (or failed to)")
                .tags("routing_key", routingKey, "result", confirmed ? "confirmed" : "failed")
                .publishPercentileHistogram()
                // Confirms take milliseconds; past the confirm timeout the publish has failed anyway.
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(confirmTimeout.plusSeconds(1))
                .register(meterRegistry);
    }

    @FunctionalInterface
    private interface Publication {
        void publish(CorrelationData correlation);
    }

    @FunctionalInterface
    private interface ChunkSend {
        void publish(UUID id, Map<String, String> trace, CorrelationData correlation);
    }
}
