package io.graphmail.bench;

import io.graphmail.contract.send.SendMailCommand;
import io.graphmail.platform.messaging.ConfirmedPublisher;
import io.graphmail.platform.messaging.CurrentTrace;
import io.graphmail.testsupport.TestBackends;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;

/**
 * The CPU the publishing thread spends per message of a confirmed chunk of JSON commands: graphmail's {@link
 * ConfirmedPublisher#publishAllJson} (each message's ack, nack or return matched to it, one observation and one timing
 * per chunk) against a plain amqp-client channel in confirm mode that publishes the same bytes with the same properties
 * and waits once per chunk ({@code waitForConfirmsOrDie}: one answer for the whole chunk). Chunks of 500 of a 472-byte
 * command to one quorum queue, alternating rounds after a warm-up of each; the figure is the thread's own CPU time,
 * steady on a busy machine where the wall clock of a whole POST is not.
 */
public final class ChunkPublishCost {

    private static final int CHUNK = 500;
    private static final int CHUNKS_PER_ROUND = Integer.getInteger("bench.chunkPublish.chunks", 40);
    private static final int ROUNDS = Integer.getInteger("bench.runs", 5);

    private ChunkPublishCost() {}

    public static void main(String[] args) {
        Exit.after(ChunkPublishCost::run);
    }

    private static void run() throws Exception {
        var connections = new CachingConnectionFactory(TestBackends.rabbitUri());
        connections.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
        connections.setPublisherReturns(true);
        try {
            var admin = new RabbitAdmin(connections);
            String queue = admin.declareQueue(QueueBuilder.durable("bench.chunks." + UUID.randomUUID())
                    .quorum()
                    .build());
            var template = template(connections);
            var publisher = new ConfirmedPublisher(
                    template(connections),
                    template,
                    ObservationRegistry.NOOP,
                    CurrentTrace.none(),
                    Duration.ofSeconds(30),
                    new SimpleMeterRegistry());
            String json = commandJson();
            Publishing directly = chunk -> publisher.publishAllJson("", queue, SendMailCommand.class, chunk);
            var raw = new RawBroker(TestBackends.rabbitUri());
            Publishing plainClient = chunk -> raw.publishChunk(queue, chunk);
            round(plainClient, json, admin, queue);

            round(directly, json, admin, queue);
            var table = new Table(
                    "Chunk publish: CPU of the publishing thread per message (chunks of %d, %,d messages a round)"
                            .formatted(CHUNK, CHUNK * CHUNKS_PER_ROUND),
                    "run",
                    "plain client µs",
                    "publishAllJson µs",
                    "CPU ratio",
                    "plain msg/s",
                    "publishAllJson msg/s");
            var ratios = new ArrayList<Double>();
            for (int run = 1; run <= ROUNDS; run++) {
                Round plain = round(plainClient, json, admin, queue);
                Round after = round(directly, json, admin, queue);
                double ratio = after.cpuMicrosPerMessage() / plain.cpuMicrosPerMessage();
                ratios.add(ratio);
                table.row(
                        run,
                        "%.1f".formatted(plain.cpuMicrosPerMessage()),
                        "%.1f".formatted(after.cpuMicrosPerMessage()),
                        "%.2f".formatted(ratio),
                        "%,.0f".formatted(plain.messagesPerSecond()),
                        "%,.0f".formatted(after.messagesPerSecond()));
            }
            ratios.sort(Double::compare);
            table.summary("median", Map.of("CPU ratio", "%.2f".formatted(ratios.get(ratios.size() / 2))));
            table.print();
            admin.deleteQueue(queue);
            raw.close();
        } finally {
            connections.destroy();
        }
    }

    @FunctionalInterface
    private interface Publishing {
        List<UUID> publish(Map<UUID, String> chunk);
    }

    private record Round(double cpuMicrosPerMessage, double messagesPerSecond) {}

    private static Round round(Publishing publishing, String json, RabbitAdmin admin, String queue) {
        var threads = ManagementFactory.getThreadMXBean();
        long cpu = 0;
        long started = System.nanoTime();
        for (int i = 0; i < CHUNKS_PER_ROUND; i++) {
            var chunk = new LinkedHashMap<UUID, String>();
            for (int m = 0; m < CHUNK; m++) {
                chunk.put(UUID.randomUUID(), json);
            }
            long before = threads.getCurrentThreadCpuTime();
            List<UUID> confirmed = publishing.publish(chunk);
            cpu += threads.getCurrentThreadCpuTime() - before;
            if (confirmed.size() != CHUNK) {
                throw new IllegalStateException("the broker confirmed %d of %d".formatted(confirmed.size(), CHUNK));
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        admin.purgeQueue(queue);
        int messages = CHUNK * CHUNKS_PER_ROUND;
        return new Round(cpu / 1e3 / messages, messages / seconds);
    }

    /** A command's size as the accept benchmark's batch makes it (472 bytes); what it says is never read. */
    private static String commandJson() {
        String head = "{\"commandId\":\"" + UUID.randomUUID() + "\",\"accountId\":\"bench\",\"text\":\"";
        return head + "x".repeat(472 - head.length() - 2) + "\"}";
    }

    private static RabbitTemplate template(CachingConnectionFactory connections) {
        var template = new RabbitTemplate(connections);
        template.setMessageConverter(new JacksonJsonMessageConverter("io.graphmail.contract"));
        template.setMandatory(true);
        template.setObservationEnabled(false);
        return template;
    }
}
