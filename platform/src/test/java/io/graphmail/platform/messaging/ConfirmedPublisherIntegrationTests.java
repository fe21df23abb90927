package io.graphmail.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.graphmail.contract.sync.SyncMailboxCommand;
import io.graphmail.testsupport.TestBackends;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.SenderContext;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Chunks on a real broker: JSON published as it was serialised goes out as the converter would have made it (the bulk
 * template's post-processors' headers included), a chunk is observed once, its trace context in every message of it,
 * and only what the broker took is confirmed: a returned chunk is not, nor a message the queue refused.
 */
class ConfirmedPublisherIntegrationTests {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String TRACE_HEADER = "traceparent";
    static final io.opentelemetry.api.trace.Tracer OTEL =
            SdkTracerProvider.builder().build().get("test");
    static final Tracer TRACER = new OtelTracer(OTEL, new OtelCurrentTraceContext(), event -> {});
    static final CurrentTrace TRACING = new CurrentTrace(
            TRACER, new OtelPropagator(ContextPropagators.create(W3CTraceContextPropagator.getInstance()), OTEL));

    static CachingConnectionFactory connections;
    static RabbitAdmin admin;

    final List<SenderContext<?>> chunks = new ArrayList<>();
    final ObservationRegistry observations = ObservationRegistry.create();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    RabbitTemplate single;
    RabbitTemplate bulk;
    ConfirmedPublisher publisher;
    String queue;

    @BeforeAll
    static void connect() {
        connections = new CachingConnectionFactory(TestBackends.rabbitUri());
        connections.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
        connections.setPublisherReturns(true);
        admin = new RabbitAdmin(connections);
    }

    @AfterAll
    static void close() {
        connections.destroy();
    }

    @BeforeEach
    void declareQueue() {
        queue = admin.declareQueue(new Queue("test.chunks." + UUID.randomUUID(), false, false, false));
        var traceIds = new AtomicInteger();
        observations
                .observationConfig()
                .observationHandler(new ObservationHandler<SenderContext<Map<String, String>>>() {
                    @Override
                    public void onStart(SenderContext<Map<String, String>> context) {
                        chunks.add(context);
                        context.getSetter()
                                .set(context.getCarrier(), TRACE_HEADER, "trace-" + traceIds.incrementAndGet());
                    }

                    @Override
                    public boolean supportsContext(Observation.Context context) {
                        return context instanceof SenderContext<?>;
                    }
                });
        single = template();
        bulk = template();
        publisher = new ConfirmedPublisher(single, bulk, observations, TRACING, Duration.ofSeconds(10), meters);
    }

    @AfterEach
    void deleteQueue() {
        admin.deleteQueue(queue);
    }

    @Test
    void publishesSerialisedJsonAsTheConverterWouldHaveMadeItOfTheObject() {
        var converted = command();
        var serialised = command();

        publisher.publish("", queue, converted, converted.commandId());
        assertThat(publisher.publishAllJson(
                        "",
                        queue,
                        SyncMailboxCommand.class,
                        Map.of(serialised.commandId(), JSON.writeValueAsString(serialised))))
                .containsExactly(serialised.commandId());

        Message first = single.receive(queue, 5_000);
        Message second = single.receive(queue, 5_000);
        assertThat(single.getMessageConverter().fromMessage(second)).isEqualTo(serialised);
        var expected = first.getMessageProperties();
        var actual = second.getMessageProperties();
        assertThat(actual.getMessageId()).isEqualTo(serialised.commandId().toString());
        assertThat(actual.getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
        assertThat(actual.getReceivedDeliveryMode()).isEqualTo(expected.getReceivedDeliveryMode());
        assertThat(actual.getContentType()).isEqualTo(expected.getContentType());
        assertThat(actual.getContentEncoding()).isEqualTo(expected.getContentEncoding());
        var headers = new HashMap<>(actual.getHeaders());
        headers.remove(TRACE_HEADER);
        var expectedHeaders = new HashMap<>(expected.getHeaders());
        // The template's own bookkeeping: which of its publications the broker returned.
        expectedHeaders.keySet().removeIf(name -> name.startsWith("spring_"));
        assertThat(headers.keySet()).isEqualTo(expectedHeaders.keySet());
        assertThat((String) actual.getHeader("__TypeId__"))
                .isEqualTo(expected.getHeader("__TypeId__"))
                .isEqualTo(SyncMailboxCommand.class.getName());
        assertThat(new String(second.getBody(), StandardCharsets.UTF_8)).isEqualTo(JSON.writeValueAsString(serialised));
    }

    @Test
    void observesAChunkOnceAndEveryMessageOfItCarriesItsTraceContext() {
        for (int chunk = 0; chunk < 2; chunk++) {
            var json = new LinkedHashMap<UUID, String>();
            for (int i = 0; i < 3; i++) {
                var command = command();
                json.put(command.commandId(), JSON.writeValueAsString(command));
            }
            assertThat(publisher.publishAllJson("", queue, SyncMailboxCommand.class, json))
                    .containsExactlyElementsOf(json.keySet());
        }

        assertThat(chunks).hasSize(2);
        var traces = new ArrayList<Object>();
        for (int i = 0; i < 6; i++) {
            traces.add(single.receive(queue, 5_000).getMessageProperties().getHeader(TRACE_HEADER));
        }
        assertThat(traces).containsExactly("trace-1", "trace-1", "trace-1", "trace-2", "trace-2", "trace-2");
    }

    @Test
    void aMessagePublishedInTheCurrentTraceIsNotObservedOnItsOwnAndCarriesTheCurrentSpansContext() {
        var command = command();
        Span listener = TRACER.nextSpan().name("listener").start();
        try (var inScope = TRACER.withSpan(listener)) {
            publisher.publishInCurrentTrace("", queue, command, command.commandId());
        } finally {
            listener.end();
        }

        assertThat(chunks).isEmpty();
        Message received = single.receive(queue, 5_000);
        assertThat(single.getMessageConverter().fromMessage(received)).isEqualTo(command);
        assertThat(received.getMessageProperties().getMessageId())
                .isEqualTo(command.commandId().toString());
        assertThat((String) received.getMessageProperties().getHeader(TRACE_HEADER))
                .isEqualTo("00-" + listener.context().traceId() + "-"
                        + listener.context().spanId() + "-01");
    }

    @Test
    void aMessagePublishedInTheCurrentTraceWithNoSpanCurrentGoesThroughTheObservedTemplate() {
        var command = command();
        single.addBeforePublishPostProcessors(message -> {
            message.getMessageProperties().setHeader("published-by", "single");
            return message;
        });

        publisher.publishInCurrentTrace("", queue, command, command.commandId());

        Message received = single.receive(queue, 5_000);
        assertThat(single.getMessageConverter().fromMessage(received)).isEqualTo(command);
        assertThat(received.getMessageProperties().getMessageId())
                .isEqualTo(command.commandId().toString());
        assertThat((String) received.getMessageProperties().getHeader("published-by"))
                .isEqualTo("single");
    }

    @Test
    void whatIsDoneMeanwhileRunsOnceTheMessageIsOutAndBeforeTheCallReturns() {
        var command = command();
        var receivedMeanwhile = new ArrayList<Message>();

        publisher.publishInCurrentTrace(
                "", queue, command, command.commandId(), () -> receivedMeanwhile.add(single.receive(queue, 5_000)));

        assertThat(receivedMeanwhile).hasSize(1);
        assertThat(single.getMessageConverter().fromMessage(receivedMeanwhile.get(0)))
                .isEqualTo(command);
        assertThat(confirms("confirmed")).isEqualTo(1);
    }

    @Test
    void aFailureMeanwhileIsWhatThePublicationThrowsOnceTheBrokerHasConfirmed() {
        var command = command();
        var meanwhile = new IllegalStateException("could not record it");

        assertThatThrownBy(() -> publisher.publishInCurrentTrace("", queue, command, command.commandId(), () -> {
                    throw meanwhile;
                }))
                .isSameAs(meanwhile)
                .satisfies(thrown -> assertThat(thrown.getSuppressed()).isEmpty());

        assertThat(single.getMessageConverter().fromMessage(single.receive(queue, 5_000)))
                .isEqualTo(command);
        assertThat(confirms("confirmed")).isEqualTo(1);
    }

    @Test
    void aPublicationTheBrokerCannotRouteFailsAfterWhatIsDoneMeanwhile() {
        var command = command();
        var ran = new AtomicInteger();

        assertThatThrownBy(() -> publisher.publishInCurrentTrace(
                        "", "test.nowhere." + UUID.randomUUID(), command, command.commandId(), ran::incrementAndGet))
                .isInstanceOf(PublishFailed.class)
                .hasMessageStartingWith("no queue bound");

        assertThat(ran).hasValue(1);
        assertThat(confirms("failed")).isEqualTo(1);
    }

    @Test
    void whenBothFailTheFailureMeanwhileIsThrownWithThePublicationsAttached() {
        var command = command();
        var meanwhile = new IllegalStateException("could not record it");

        assertThatThrownBy(() -> publisher.publishInCurrentTrace(
                        "", "test.nowhere." + UUID.randomUUID(), command, command.commandId(), () -> {
                            throw meanwhile;
                        }))
                .isSameAs(meanwhile)
                .satisfies(thrown ->
                        assertThat(thrown.getSuppressed()).singleElement().isInstanceOf(PublishFailed.class));
    }

    @Test
    void everyMessageOfAJsonChunkCarriesWhatTheBulkTemplatesPostProcessorsAdd() {
        bulk.addBeforePublishPostProcessors(message -> {
            message.getMessageProperties().setHeader("published-by", "bulk");
            return message;
        });
        var json = jsonChunk(3);

        assertThat(publisher.publishAllJson("", queue, SyncMailboxCommand.class, json))
                .containsExactlyElementsOf(json.keySet());

        for (UUID id : json.keySet()) {
            Message received = single.receive(queue, 5_000);
            assertThat(received.getMessageProperties().getMessageId()).isEqualTo(id.toString());
            assertThat((String) received.getMessageProperties().getHeader("published-by"))
                    .isEqualTo("bulk");
        }
    }

    @Test
    void jsonTheBrokerCannotRouteIsNotConfirmedAndTheNextChunkIs() {
        var unroutable = jsonChunk(3);
        var routable = jsonChunk(2);

        assertThat(publisher.publishAllJson(
                        "", "test.nowhere." + UUID.randomUUID(), SyncMailboxCommand.class, unroutable))
                .isEmpty();
        assertThat(publisher.publishAllJson("", queue, SyncMailboxCommand.class, routable))
                .containsExactlyElementsOf(routable.keySet());
    }

    @Test
    void onlyTheJsonTheBrokerTookIsConfirmed() {
        String full = admin.declareQueue(new Queue(
                "test.full." + UUID.randomUUID(),
                false,
                false,
                true,
                Map.of("x-max-length", 1, "x-overflow", "reject-publish")));
        var json = jsonChunk(3);

        assertThat(publisher.publishAllJson("", full, SyncMailboxCommand.class, json))
                .containsExactly(json.keySet().iterator().next());
        admin.deleteQueue(full);
    }

    @Test
    void aChunkTheBrokerClosesItsChannelForIsNotConfirmedAndTheNextOneGoesOutOnAnother() {
        var lost = jsonChunk(3);
        var next = jsonChunk(2);

        assertThat(publisher.publishAllJson(
                        "test.no-such-exchange." + UUID.randomUUID(), queue, SyncMailboxCommand.class, lost))
                .isEmpty();
        assertThat(publisher.publishAllJson("", queue, SyncMailboxCommand.class, next))
                .containsExactlyElementsOf(next.keySet());
    }

    @Test
    void aChunkForABrokerThatCannotBeReachedFailsAndIsObservedAsFailed() {
        var unreachable = new CachingConnectionFactory("127.0.0.1", 1);
        var template = new RabbitTemplate(unreachable);
        template.setMessageConverter(new JacksonJsonMessageConverter(JSON, "io.graphmail.contract.sync"));
        var meters = new SimpleMeterRegistry();
        var cut = new ConfirmedPublisher(template, template, observations, TRACING, Duration.ofSeconds(1), meters);
        try {
            assertThatThrownBy(() -> cut.publishAllJson("", queue, SyncMailboxCommand.class, jsonChunk(2)))
                    .isInstanceOf(PublishFailed.class)
                    .hasMessage("broker unreachable");
            assertThat(meters.get("graphmail.publish.confirm")
                            .tag("result", "failed")
                            .timer()
                            .count())
                    .isEqualTo(1);
        } finally {
            unreachable.destroy();
        }
    }

    private long confirms(String result) {
        return meters.get("graphmail.publish.confirm")
                .tag("result", result)
                .timer()
                .count();
    }

    private static LinkedHashMap<UUID, String> jsonChunk(int messages) {
        var json = new LinkedHashMap<UUID, String>();
        for (int i = 0; i < messages; i++) {
            var command = command();
            json.put(command.commandId(), JSON.writeValueAsString(command));
        }
        return json;
    }

    private static RabbitTemplate template() {
        var template = new RabbitTemplate(connections);
        template.setMessageConverter(new JacksonJsonMessageConverter(JSON, "io.graphmail.contract.sync"));
        template.setMandatory(true);
        return template;
    }

    private static SyncMailboxCommand command() {
        return new SyncMailboxCommand(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "account-1",
                List.of("inbox"),
                SyncMailboxCommand.Mode.INCREMENTAL,
                null,
                Instant.parse("2026-03-01T10:00:00Z"),
                null);
    }
}
