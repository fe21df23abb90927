package io.graphmail.gateway.mail;

import io.graphmail.contract.send.SendMailCommand;
import io.graphmail.gateway.messaging.MailCommands;
import io.graphmail.platform.logging.CorrelationId;
import io.graphmail.platform.messaging.PublishFailed;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox of the {@code mail} collection, through which every message is created or sent again: its command is
 * recorded before it is published with a broker confirm, and marked published in one write after. What a crash or a
 * broker outage left unpublished, and scheduled messages once due, are published by {@link #sweep()}. A batch's
 * messages beyond its window wait recorded until {@link #publishBeyondWindow} takes them in. Publishing twice is
 * harmless: workers never send a command id twice.
 */
@Component
public class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private static final int CHUNK = 500;
    private static final int REFILLS_PER_WINDOW = 10;

    private final OutboxRecords records;
    private final MailCommands commands;
    private final BatchSubmissions submissions;
    private final JsonMapper jsonMapper;
    private final MeterRegistry meterRegistry;
    private final Clock clock;
    private final SweeperProperties sweeper;

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
     * A batch to record and publish.
     *
     * @param all its messages, in order
     * @param suppressed why each message not to be sent is not, by command id: recorded SUPPRESSED, final at once, and
     *     never published
     * @param grace how long its records are not the sweeper's: it never publishes them while the batch is submitted
     * @param resumed whether this submission resumes one its stopped gateway left: what that one recorded stands
     * @param window how many of its messages may be on the broker or at a worker at once (0: all); those beyond it
     *     are recorded held back, and published as the messages before them become final
     */
    public record BatchSubmission(
            String batchId,
            List<SendMailCommand> all,
            Map<UUID, String> suppressed,
            Instant sendAt,
            String client,
            Duration grace,
            boolean resumed,
            int window) {}

    /**
     * Records and publishes a batch chunk by chunk, each chunk recorded before it is published with one wait for all
     * its confirms; on the first failure nothing after it is published. One write per message: the records are
     * written published, as the batch is SUBMITTING meanwhile (the sweeper leaves its records alone, and should the
     * submission fail the batch is withdrawn with its records). A resumed submission records only what its stopped
     * gateway had not, and publishes again what that one recorded within the window.
     *
     * @param publish false for a batch scheduled for later: it is only recorded, and swept at its time
     * @return how many of its messages are to be sent: all but the suppressed
     * @throws PublishFailed if the broker did not confirm every message
     */
    public int submitBatch(BatchSubmission batch, boolean publish) {
        var recording = new RecordingBatch(batch, publish);
        for (int from = 0; from < batch.all().size(); from += CHUNK) {
            List<Entry> recorded = recording.record(chunk(batch.all(), from));
            if (publish) {
                publishChunk(batch.batchId(), recorded, batch.all().size());
            }
        }
        if (publish && batch.resumed()) {
            // What the stopped submission recorded pending, it may not have published: it just was.
            records.markBatchPublished(batch.batchId());
        }
        return recording.toSend;
    }

    private static List<SendMailCommand> chunk(List<SendMailCommand> all, int from) {
        return all.subList(from, Math.min(all.size(), from + CHUNK));
    }

    /** The batches with messages their window holds back. */
    public List<String> batchesAwaitingWindow() {
        return records.batchesAwaitingWindow();
    }

    /**
     * Fills the batch's window: publishes as many of the messages it held back as there is room for beside those not
     * final yet (at most a chunk at a time), claimed first as the sweeper claims them; those the broker does not
     * confirm are left to the sweeper.
     *
     * @param window 0 if the batch's account is no longer paced: what is held back goes, a chunk at a time
     * @return how many it published
     * @throws PublishFailed if the broker did not take them: they are left to the sweeper
     */
    public int refillWindow(String batchId, int window) {
        long room = Math.min(CHUNK, window == 0 ? CHUNK : window - records.inWindow(batchId));
        // A tenth of the window at a time, not each message as it ends: a window of a minute stays nine-tenths full,
        // and each paced batch costs a publish every few seconds rather than every second.
        if (room <= 0 || room < Math.min(CHUNK, window / REFILLS_PER_WINDOW)) {
            return 0;
        }
        Instant now = clock.instant();
        List<MailRecord> taken = records.claimBeyondWindow(batchId, (int) room, now, now.plus(sweeper.lease()));
        if (taken.isEmpty()) {
            return 0;
        }
        var entries = taken.stream()
                .map(record -> new Entry(read(record), record.outbox()))
                .toList();
        List<UUID> ids =
                entries.stream().map(entry -> entry.command().commandId()).toList();
        try (var scope = CorrelationId.open(taken.get(0).correlationId())) {
            publishChunk(batchId, entries, entries.size());
        } catch (PublishFailed e) {
            records.expireClaims(ids, clock.instant());
            throw e;
        }
        records.markPublished(ids);
        return ids.size();
    }

    /** Publishes a chunk: its priority-high messages to the transactional queue, the rest to the bulk one. */
    private void publishChunk(String batchId, List<Entry> entries, int batchSize) {
        var byRoutingKey = new LinkedHashMap<String, Map<UUID, String>>();
        entries.forEach(entry -> byRoutingKey
                .computeIfAbsent(entry.command().routingKey(), key -> new LinkedHashMap<>())
                .put(entry.command().commandId(), entry.json()));
        byRoutingKey.forEach((routingKey, json) -> publishAll(batchId, batchSize, routingKey, json));
    }

    /** One batch's recording, a chunk at a time. */
    private final class RecordingBatch {

        private final BatchSubmission batch;
        private final boolean publishing;
        private final String correlationId = CorrelationId.current();
        private final Map<String, OutboxRecords.Recorded> recorded;
        /** How many of its messages it has met that are to be sent: those not suppressed. */
        private int toSend;

        RecordingBatch(BatchSubmission batch, boolean publishing) {
            this.batch = batch;
            this.publishing = publishing;
            this.recorded = batch.resumed() ? records.recordedOfBatch(batch.batchId()) : Map.of();
        }

        /**
         * Inserts the chunk's records not recorded yet; returns its messages to publish now, with their JSON. What a
         * resumed submission finds recorded keeps its place in or beyond the window.
         */
        List<Entry> record(List<SendMailCommand> chunk) {
            var inserting = new ArrayList<MailRecord>(chunk.size());
            var sending = new ArrayList<Entry>(chunk.size());
            for (SendMailCommand command : chunk) {
                var earlier = recorded.get(command.commandId().toString());
                String reason = batch.suppressed().get(command.commandId());
                if (earlier == null && reason != null) {
                    inserting.add(MailRecord.suppressed(command, reason, correlationId, batch.client()));
                    continue;
                }
                if (earlier != null && earlier.status() == MailStatus.SUPPRESSED) {
                    continue;
                }
                boolean beyondWindow = batch.window() > 0 && toSend >= batch.window();
                toSend++;
                if (earlier != null) {
                    if (!earlier.awaitsWindow()) {
                        sending.add(new Entry(command, write(command)));
                    }
                    continue;
                }
                var entry = new Entry(command, write(command));
                var record = MailRecord.unpublished(
                        command, batch.sendAt(), batch.grace(), entry.json(), correlationId, batch.client());
                if (beyondWindow) {
                    inserting.add(record.beyondWindow());
                } else {
                    inserting.add(publishing ? record.publishedWithItsBatch() : record);
                    sending.add(entry);
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
                    records.expireClaims(List.of(id), clock.instant());
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
