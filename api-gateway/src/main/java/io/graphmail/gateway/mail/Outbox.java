package io.graphmail.gateway.mail;

import io.graphmail.contract.send.SendMailCommand;
import io.graphmail.gateway.messaging.MailCommands;
import io.graphmail.platform.logging.CorrelationId;
import io.graphmail.platform.messaging.PublishFailed;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox of the {@code mail} collection, through which every message is created or sent again: its command is
 * recorded before it is published with a broker confirm, and marked published in one write after. What a crash or a
 * broker outage left unpublished, and scheduled messages once due, are published by {@link #sweep()}. Publishing
 * twice is harmless: workers never send a command id twice.
 */
@Component
public class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private static final int CHUNK = 500;

    private final OutboxRecords records;
    private final MailCommands commands;
    private final BatchSubmissions submissions;
    private final JsonMapper jsonMapper;
    private final MeterRegistry meterRegistry;
    private final Clock clock;
    private final SweeperProperties sweeper;
    // Records a batch's next chunk while the request's thread publishes the one before. Not a bean: an Executor bean
    // would take the place of Boot's application task executor.
    private final ExecutorService recorders = Executors.newCachedThreadPool(task -> {
        var thread = new Thread(task, "batch-recorder");
        thread.setDaemon(true);
        return thread;
    });

    public Outbox(
            OutboxRecords records,
            MailCommands commands,
            BatchSubmissions submissions,
            JsonMapper jsonMapper,
            MeterRegistry meterRegistry,
            Clock clock,
            SweeperProperties sweeper) {
        this.records = records;
        this.commands = commands;
        this.submissions = submissions;
        this.jsonMapper = jsonMapper;
        this.meterRegistry = meterRegistry;
        this.clock = clock;
        this.sweeper = sweeper;
    }

    /**
     * Accepts a message: records it, then, unless it is scheduled, publishes it; two writes in all. Should the gateway
     * stop in between, the sweeper publishes it after the grace period.
     *
     * <p>A publish that takes longer than the grace period (a broker connection that hangs) races the sweeper, and
     * exactly one of them owns the message: the request withdraws the record only if no sweeper has claimed it. If one
     * has, the sweeper publishes it (or has), and the message is accepted all the same.
     *
     * @throws PublishFailed if the broker did not confirm it and its record was withdrawn: nothing was accepted
     */
    public MailRecord accept(SendMailCommand command, Instant sendAt, String client) {
        var record = unpublished(command, sendAt, sweeper.grace(), client);
        records.insert(record);
        if (!record.isScheduled()) {
            try {
                publish(command, false);
            } catch (PublishFailed e) {
                publishFailed(1);
                if (records.withdraw(command.commandId())) {
                    throw e;
                }
                log.warn(
                        "Message {} was not confirmed in time; the outbox sweeper had claimed it and publishes it",
                        record.id());
            }
        }
        return record;
    }

    /**
     * Publishes again what a stopped gateway recorded, unless it is scheduled or known to be on the broker. That
     * gateway may have published it, so it is never withdrawn: should the broker not confirm it now, the sweeper
     * publishes it.
     */
    public void resume(MailRecord left) {
        if (left.pendingPublish() && !left.isScheduled()) {
            try {
                publish(read(left), false);
            } catch (PublishFailed e) {
                publishFailed(1);
            }
        }
    }

    /**
     * Reopens a failed or dead-lettered message with its command resubmitted, then publishes it; should the broker not
     * confirm it, the sweeper publishes it once the broker is back. Its dead-lettered copy leaves the dead-letter queue
     * only once the broker confirmed the new command.
     *
     * @return false if the message was neither FAILED nor DEAD_LETTERED, and nothing was done
     */
    public boolean resend(MailRecord record) {
        return !resendAll(List.of(record)).isEmpty();
    }

    /**
     * {@link #resend} for many; the dead-lettered copies of those the broker confirmed leave the dead-letter queue in
     * one pass.
     *
     * @return the ids of the messages reopened (those neither FAILED nor DEAD_LETTERED are left alone)
     */
    public List<UUID> resendAll(List<MailRecord> candidates) {
        var reopened = new ArrayList<UUID>();
        var confirmed = new ArrayList<UUID>();
        for (MailRecord record : candidates) {
            SendMailCommand again = read(record).resubmitted();
            if (!records.reopen(again.commandId(), write(again))) {
                continue;
            }
            reopened.add(again.commandId());
            try {
                publish(again, false);
                confirmed.add(again.commandId());
            } catch (PublishFailed e) {
                // Recorded as pending: the sweeper publishes it, and then retires its copy.
            }
        }
        retireDeadLetterCopies(confirmed);
        return reopened;
    }

    /** A command as its record keeps it: {@code json} is what is published, as it was recorded. */
    public record Entry(SendMailCommand command, String json) {}

    /**
     * Records a batch's messages in chunks; a resumed submission records those its stopped gateway had not. They are
     * the sweeper's only {@code grace} after submission, and never while their batch is being submitted. Those in
     * {@code suppressed} are recorded SUPPRESSED: final at once, and never published.
     *
     * @param suppressed why each message not to be sent is not, by command id
     * @return the messages to publish: all but the suppressed, as recorded now or by the submission this one resumes
     */
    public List<Entry> recordBatch(
            String batchId,
            List<SendMailCommand> all,
            Map<UUID, String> suppressed,
            Instant sendAt,
            String client,
            Duration grace,
            boolean resumed) {
        var recording = new RecordingBatch(batchId, suppressed, sendAt, client, grace, resumed);
        var sending = new ArrayList<Entry>(all.size());
        for (int from = 0; from < all.size(); from += CHUNK) {
            sending.addAll(recording.record(all.subList(from, Math.min(all.size(), from + CHUNK))));
        }
        return sending;
    }

    /**
     * Publishes a batch's recorded messages in chunks, one wait for all confirms per chunk, then marks them all
     * published in one write. Each goes out as the JSON its record keeps, not converted again.
     *
     * @throws PublishFailed if the broker did not confirm every message
     */
    public void publishBatch(String batchId, List<Entry> all) {
        for (int from = 0; from < all.size(); from += CHUNK) {
            publishChunk(batchId, all.subList(from, Math.min(all.size(), from + CHUNK)), all.size());
        }
        records.markBatchPublished(batchId);
    }

    /**
     * {@link #recordBatch} and {@link #publishBatch} chunk by chunk, with the two waits overlapping: each chunk is
     * recorded before it is published, and while the broker confirms one chunk the next one is recorded. On the first
     * failure nothing after it is published, and no insert is still under way when this returns or throws.
     *
     * @param publish false for a batch scheduled for later: it is only recorded, and swept at its time
     * @return how many messages it published, or is to publish at its time: all but the suppressed
     * @throws PublishFailed if the broker did not confirm every message
     */
    public int submitBatch(
            String batchId,
            List<SendMailCommand> all,
            Map<UUID, String> suppressed,
            Instant sendAt,
            String client,
            Duration grace,
            boolean resumed,
            boolean publish) {
        if (!publish) {
            return recordBatch(batchId, all, suppressed, sendAt, client, grace, resumed)
                    .size();
        }
        var recording = new RecordingBatch(batchId, suppressed, sendAt, client, grace, resumed);
        CompletableFuture<List<Entry>> next = null;
        int published = 0;
        try {
            for (int from = 0; from < all.size(); from += CHUNK) {
                List<Entry> chunk = next == null
                        ? recording.record(all.subList(from, Math.min(all.size(), from + CHUNK)))
                        : join(next);
                int after = from + CHUNK;
                next = after < all.size()
                        ? CompletableFuture.supplyAsync(
                                () -> recording.record(all.subList(after, Math.min(all.size(), after + CHUNK))),
                                ContextSnapshotFactory.builder()
                                        .build()
                                        .captureAll()
                                        .wrapExecutor(recorders))
                        : null;
                publishChunk(batchId, chunk, all.size());
                published += chunk.size();
            }
        } finally {
            if (next != null) {
                next.exceptionally(failure -> List.of()).join();
            }
        }
        records.markBatchPublished(batchId);
        return published;
    }

    private static List<Entry> join(CompletableFuture<List<Entry>> recorded) {
        try {
            return recorded.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Publishes a chunk: its priority-high messages to the transactional queue, the rest to the bulk one. */
    private void publishChunk(String batchId, List<Entry> entries, int batchSize) {
        var byRoutingKey = new LinkedHashMap<String, Map<UUID, String>>();
        entries.forEach(entry -> byRoutingKey
                .computeIfAbsent(entry.command().routingKey(), key -> new LinkedHashMap<>())
                .put(entry.command().commandId(), entry.json()));
        byRoutingKey.forEach((routingKey, json) -> publishAll(batchId, batchSize, routingKey, json));
    }

    /** One batch's recording, a chunk at a time, on the request's thread or another. */
    private final class RecordingBatch {

        private final Map<UUID, String> suppressed;
        private final Instant sendAt;
        private final String client;
        private final Duration grace;
        private final String correlationId = CorrelationId.current();
        private final Map<String, MailStatus> recorded;

        RecordingBatch(
                String batchId,
                Map<UUID, String> suppressed,
                Instant sendAt,
                String client,
                Duration grace,
                boolean resumed) {
            this.suppressed = suppressed;
            this.sendAt = sendAt;
            this.client = client;
            this.grace = grace;
            this.recorded = resumed ? records.statusesOfBatch(batchId) : Map.of();
        }

        /** Inserts the chunk's records not recorded yet; returns its messages to publish, with their JSON. */
        List<Entry> record(List<SendMailCommand> chunk) {
            var inserting = new ArrayList<MailRecord>(chunk.size());
            var sending = new ArrayList<Entry>(chunk.size());
            for (SendMailCommand command : chunk) {
                MailStatus status = recorded.get(command.commandId().toString());
                String reason = suppressed.get(command.commandId());
                if (status == null && reason != null) {
                    inserting.add(MailRecord.suppressed(command, reason, correlationId, client));
                } else if (status == null) {
                    var entry = new Entry(command, write(command));
                    inserting.add(MailRecord.unpublished(command, sendAt, grace, entry.json(), correlationId, client));
                    sending.add(entry);
                } else if (status != MailStatus.SUPPRESSED) {
                    sending.add(new Entry(command, write(command)));
                }
            }
            if (!inserting.isEmpty()) {
                records.insertAll(inserting);
            }
            return sending;
        }
    }

    private void publishAll(String batchId, int messages, String routingKey, Map<UUID, String> json) {
        List<UUID> confirmed;
        try {
            confirmed = commands.publishAll(routingKey, json);
        } catch (PublishFailed e) {
            confirmed = List.of();
        }
        if (confirmed.size() < json.size()) {
            publishFailed(messages);
            throw new PublishFailed(
                    "the broker did not confirm " + (json.size() - confirmed.size()) + " messages of batch " + batchId);
        }
    }

    /**
     * Publishes what is due: scheduled sends whose time has come, and records left unpublished (due a grace period
     * after acceptance, so as not to race a request still in flight). One gateway at a time sweeps. Each goes out with
     * the correlation id of the request that submitted it. Each record is claimed for {@code lease} before it is
     * published, so that a request still publishing it can no longer withdraw it; a claim that runs out (its sweeper
     * stopped) leaves the record to the next sweep. Records of a batch being submitted are left to its submission: it
     * publishes them, or it is withdrawn and they go.
     */
    @Scheduled(fixedDelayString = "${graphmail.gateway.sweeper.interval:1s}")
    @SchedulerLock(name = "unpublished-mail-sweeper", lockAtMostFor = "1m")
    public void sweep() {
        var resubmitted = new ArrayList<UUID>();
        try {
            for (MailRecord record : records.duePublishes(clock.instant(), CHUNK, submissions.submitting())) {
                UUID id = UUID.fromString(record.id());
                Instant now = clock.instant();
                if (!records.claim(id, now, now.plus(sweeper.lease()))) {
                    continue;
                }
                try (var scope = CorrelationId.open(record.correlationId())) {
                    SendMailCommand command = read(record);
                    publish(command, record.isScheduled());
                    if (command.resubmission() > 0) {
                        resubmitted.add(command.commandId());
                    }
                    log.debug("Published message {} from the outbox", record.id());
                } catch (PublishFailed e) {
                    records.expireClaim(id, clock.instant());
                    log.warn("Broker still unavailable; {} left for the next sweep", record.id());
                    return;
                }
            }
        } finally {
            retireDeadLetterCopies(resubmitted);
        }
    }

    private void retireDeadLetterCopies(List<UUID> republished) {
        if (!republished.isEmpty()) {
            commands.retireDeadLetterCopies(republished);
        }
    }

    private void publish(SendMailCommand command, boolean scheduled) {
        commands.publish(command);
        records.markPublished(command.commandId(), scheduled);
    }

    private MailRecord unpublished(SendMailCommand command, Instant sendAt, Duration grace, String client) {
        return unpublished(command, write(command), sendAt, grace, client);
    }

    private MailRecord unpublished(
            SendMailCommand command, String json, Instant sendAt, Duration grace, String client) {
        return MailRecord.unpublished(command, sendAt, grace, json, CorrelationId.current(), client);
    }

    private String write(SendMailCommand command) {
        return jsonMapper.writeValueAsString(command);
    }

    private SendMailCommand read(MailRecord record) {
        return jsonMapper.readValue(record.outbox(), SendMailCommand.class);
    }

    private void publishFailed(int messages) {
        meterRegistry.counter("graphmail.mail.publish.failed").increment(messages);
    }
}
