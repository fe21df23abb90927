package io.graphmail.gateway.batches;

import io.graphmail.contract.send.SendMailCommand;
import io.graphmail.gateway.idempotency.StableIds;
import io.graphmail.gateway.mail.BatchProgress;
import io.graphmail.gateway.mail.FinalStatusMetrics;
import io.graphmail.gateway.mail.MailStatus;
import io.graphmail.gateway.mail.Outbox;
import io.graphmail.gateway.send.MessageReferences;
import io.graphmail.gateway.send.SendMailCommands;
import io.graphmail.gateway.send.SendMailRequest;
import io.graphmail.platform.messaging.PublishFailed;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.springframework.stereotype.Component;

/**
 * Records and publishes a batch through the {@link Outbox}, all or nothing. The batch is recorded as SUBMITTING
 * (workers hold back its messages), then every message is recorded (bulk inserts) and published in chunks with one
 * wait for all confirms per chunk, each chunk recorded before it is published; those beyond the batch's window (a
 * minute of its account's sends) are only recorded, and published as the messages before them become final
 * ({@link RefillingBatchWindows}). Only when the broker has confirmed every message it was given is the batch made
 * ACTIVE and accepted (202): ACTIVE, or SCHEDULED until a later {@code sendAt}. If anything fails on the way, the batch is withdrawn before the answer (503 when the broker failed):
 * its records are removed and it is CANCELLED, so workers drop what the broker already has, and a retry sends each
 * message once. With an {@code Idempotency-Key} the batch and message ids derive from the key's claim, so the retry of
 * a request whose gateway stopped mid-submission resumes that batch rather than adding a second one. Messages to a
 * suppressed recipient are recorded SUPPRESSED, final from the start, and never published; a batch with nothing
 * else to send is completed at once.
 */
@Component
class PublishingBatch {

    private final Batches batches;
    private final Outbox outbox;
    private final MeterRegistry meterRegistry;
    private final Clock clock;
    private final BatchProperties properties;
    private final FinalStatusMetrics finalStatus;
    private final BatchProgress progress;

    PublishingBatch(
            Batches batches,
            Outbox outbox,
            MeterRegistry meterRegistry,
            Clock clock,
            BatchProperties properties,
            FinalStatusMetrics finalStatus,
            BatchProgress progress) {
        this.batches = batches;
        this.outbox = outbox;
        this.meterRegistry = meterRegistry;
        this.clock = clock;
        this.properties = properties;
        this.finalStatus = finalStatus;
        this.progress = progress;
    }

    /**
     * A batch's messages, each with the ids it refers to resolved, of the account and API client named.
     *
     * @param suppressed why each message not to be sent is not, by its index
     * @param window how many of them may be on the broker or at a worker at once (0: all)
     */
    record Messages(
            String accountId,
            List<SendMailRequest> requests,
            List<MessageReferences> references,
            Map<Integer, String> suppressed,
            Instant sendAt,
            String client,
            int window) {}

    /**
     * @param ids the request's ids: with an Idempotency-Key, the retry of a request whose gateway stopped finds the
     *     batch that gateway left, and resumes it (a batch still SUBMITTING) or answers it (one accepted already);
     *     a batch of it that was withdrawn meanwhile is passed over for a new one, with new ids
     * @param chargeQuota takes the messages from the client's quota; run for a new batch only
     * @throws PublishFailed if the broker did not confirm every message: the batch was withdrawn, nothing of it is
     *     sent, and a retry sends each message once
     */
    Batch publish(Messages messages, StableIds ids, Runnable chargeQuota) {
        var attempt = attempt(ids);
        Batch left = attempt.left();
        if (left != null && left.state() != Batch.State.SUBMITTING) {
            return left;
        }
        if (left == null) {
            chargeQuota.run();
        }
        Instant now = left == null ? clock.instant() : left.createdAt();
        UUID id = attempt.batchId();
        List<SendMailCommand> all = IntStream.range(0, messages.requests().size())
                .mapToObj(i -> SendMailCommands.of(
                        ids.id(id + "/" + i),
                        messages.accountId(),
                        messages.requests().get(i),
                        messages.references().get(i),
                        now,
                        id))
                .toList();
        Instant sendAt = messages.sendAt();
        var submitting = new Batch(
                id.toString(),
                messages.accountId(),
                Batch.State.SUBMITTING,
                all.size(),
                now,
                sendAt,
                messages.client());
        if (left == null) {
            batches.insert(submitting);
        }
        var suppressed = new HashMap<UUID, String>();
        messages.suppressed()
                .forEach((index, reason) -> suppressed.put(all.get(index).commandId(), reason));
        int sending;
        try {
            sending = outbox.submitBatch(
                    new Outbox.BatchSubmission(
                            submitting.id(),
                            all,
                            suppressed,
                            sendAt,
                            messages.client(),
                            properties.abandonedAfter(),
                            left != null,
                            messages.window()),
                    sendAt == null || !sendAt.isAfter(now));
            if (!batches.activate(submitting.id(), Batch.runningState(sendAt, clock.instant()))) {
                throw new PublishFailed("the batch was withdrawn while it was submitted");
            }
        } catch (RuntimeException e) {
            batches.withdraw(submitting.id(), clock.instant());
            throw e;
        }
        meterRegistry.counter("graphmail.mail.accepted", "endpoint", "batch").increment(all.size());
        finalStatus.reached(MailStatus.SUPPRESSED, suppressed.size());
        if (sending == 0) {
            // Every message is final already: no worker's report will end the batch.
            progress.mayHaveFinished(submitting.id());
        }
        // ACTIVE (or SCHEDULED), unless its client paused or cancelled it the moment it could see it.
        return batches.find(submitting.id())
                .orElseGet(() -> submitting.in(Batch.runningState(sendAt, clock.instant())));
    }

    /**
     * The batch id for this request, and the batch an earlier processing of it left under that id if any: the first
     * of its ids whose batch was not withdrawn. Without an Idempotency-Key there is no earlier processing.
     */
    private Attempt attempt(StableIds ids) {
        UUID id = ids.id("batch");
        for (int withdrawn = 1; ids.stable(); withdrawn++) {
            var earlier = batches.find(id.toString());
            if (earlier.isEmpty() || !earlier.get().withdrawn()) {
                return new Attempt(id, earlier.orElse(null));
            }
            id = ids.id("batch#" + withdrawn);
        }
        return new Attempt(id, null);
    }

    /** @param left what an earlier processing of the request recorded, or {@code null} */
    private record Attempt(UUID batchId, Batch left) {}
}
