package io.graphmail.gateway.batches;

import com.samskivert.mustache.MustacheException;
import io.graphmail.contract.send.SendMailCommand;
import io.graphmail.gateway.accounts.AccountDefaults;
import io.graphmail.gateway.accounts.KnownAccounts;
import io.graphmail.gateway.idempotency.StableIds;
import io.graphmail.gateway.mail.MailRecord;
import io.graphmail.gateway.mail.MailRecords;
import io.graphmail.gateway.messaging.MailCommands;
import io.graphmail.gateway.ratelimits.MessageQuotas;
import io.graphmail.gateway.security.ApiClient;
import io.graphmail.gateway.send.MessageReferences;
import io.graphmail.gateway.send.ReferenceProblem;
import io.graphmail.gateway.send.ReferenceProblem.Place;
import io.graphmail.gateway.send.ResolvingReferences;
import io.graphmail.gateway.send.SendMailCommands;
import io.graphmail.gateway.send.SendMailRequest;
import io.graphmail.logging.CorrelationId;
import io.graphmail.messaging.PublishFailed;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accepts a batch, all or nothing. The batch is recorded as SUBMITTING (workers hold back its messages), then every
 * message is recorded (bulk inserts) and published in chunks with one wait for all confirms per chunk; only when the
 * broker has confirmed every message is the batch made ACTIVE and accepted (202). If anything fails on the way, the
 * batch is withdrawn before the answer (503 when the broker failed): its records are removed and it is CANCELLED, so
 * workers drop what the broker already has, and a retry sends each message once. Ids the messages refer to
 * (uploads, answered messages) are resolved before anything is recorded. With an {@code Idempotency-Key} the batch
 * and message ids derive from the key's claim, so the retry of a request whose gateway stopped mid-submission
 * resumes that batch rather than adding a second one.
 */
@Service
class SubmittingBatch {

    private static final int CHUNK = 500;

    private final Batches batches;
    private final MailRecords records;
    private final MailCommands commands;
    private final KnownAccounts knownAccounts;
    private final AccountDefaults accountDefaults;
    private final ResolvingReferences references;
    private final MessageQuotas quotas;
    private final JsonMapper jsonMapper;
    private final MeterRegistry meterRegistry;
    private final Clock clock;
    private final Duration abandonedAfter;
    private final TemplateLimits templateLimits;

    SubmittingBatch(
            Batches batches,
            MailRecords records,
            MailCommands commands,
            KnownAccounts knownAccounts,
            AccountDefaults accountDefaults,
            ResolvingReferences references,
            MessageQuotas quotas,
            JsonMapper jsonMapper,
            MeterRegistry meterRegistry,
            Clock clock,
            @Value("${graphmail.gateway.batches.abandoned-after:10m}") Duration abandonedAfter,
            TemplateLimits templateLimits) {
        this.batches = batches;
        this.records = records;
        this.commands = commands;
        this.knownAccounts = knownAccounts;
        this.accountDefaults = accountDefaults;
        this.references = references;
        this.quotas = quotas;
        this.jsonMapper = jsonMapper;
        this.meterRegistry = meterRegistry;
        this.clock = clock;
        this.abandonedAfter = abandonedAfter;
        this.templateLimits = templateLimits;
    }

    /**
     * @param ids the request's ids: with an Idempotency-Key, the retry of a request whose gateway stopped finds the
     *     batch that gateway left, and resumes it (a batch still SUBMITTING) or answers it (one accepted already);
     *     a batch of it that was withdrawn meanwhile is passed over for a new one, with new ids
     * @throws PublishFailed if the broker did not confirm every message: the batch was withdrawn, nothing of it is
     *     sent, and a retry sends each message once
     */
    Batch submit(BatchRequest request, ApiClient client, StableIds ids) {
        String accountId = accountDefaults.orDefault(request.accountId());
        knownAccounts.requireUsable(accountId, client);
        List<SendMailRequest> messages = expand(request, accountId);
        List<MessageReferences> resolved = request.template() == null
                ? references.forBatch(accountId, messages, client)
                : references.forTemplate(accountId, request.template().attachmentIds(), messages.size(), client);
        var attempt = attempt(ids);
        Batch left = attempt.left();
        if (left != null && left.state() != Batch.State.SUBMITTING) {
            return left;
        }
        if (left == null) {
            quotas.take(client, messages.size());
        }
        Instant now = left == null ? clock.instant() : left.createdAt();
        UUID id = attempt.batchId();
        List<SendMailCommand> all = IntStream.range(0, messages.size())
                .mapToObj(i ->
                        SendMailCommands.of(ids.id(id + "/" + i), accountId, messages.get(i), resolved.get(i), now, id))
                .toList();
        var submitting = new Batch(
                id.toString(), accountId, Batch.State.SUBMITTING, all.size(), now, request.sendAt(), client.id());
        if (left == null) {
            batches.insert(submitting);
        }
        try {
            record(submitting.id(), all, request.sendAt(), client, left != null);
            if (request.sendAt() == null || !request.sendAt().isAfter(now)) {
                publish(submitting, all);
            }
            if (!batches.activate(submitting.id())) {
                throw new PublishFailed("the batch was withdrawn while it was submitted");
            }
        } catch (RuntimeException e) {
            batches.withdraw(submitting.id(), clock.instant());
            throw e;
        }
        meterRegistry.counter("graphmail.mail.accepted", "endpoint", "batch").increment(all.size());
        // ACTIVE, unless its client paused or cancelled it the moment it could see it.
        return batches.find(submitting.id()).orElseGet(() -> submitting.in(Batch.State.ACTIVE));
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

    /**
     * Records every message, in chunks; a resumed submission records those its stopped gateway had not. Should the
     * gateway stop before the batch is active, the sweeper leaves the records alone until the batch is resumed or
     * found abandoned and withdrawn (and workers would hold back anything published of a batch still SUBMITTING).
     */
    private void record(String batchId, List<SendMailCommand> all, Instant sendAt, ApiClient client, boolean resumed) {
        Set<String> recorded = resumed ? records.idsOfBatch(batchId) : Set.of();
        var missing = all.stream()
                .filter(command -> !recorded.contains(command.commandId().toString()))
                .toList();
        for (int from = 0; from < missing.size(); from += CHUNK) {
            records.insertAll(missing.subList(from, Math.min(missing.size(), from + CHUNK)).stream()
                    .map(command -> MailRecord.unpublished(
                            command,
                            sendAt,
                            abandonedAfter,
                            jsonMapper.writeValueAsString(command),
                            CorrelationId.current(),
                            client.id()))
                    .toList());
        }
    }

    /** Publishes in chunks, one wait for all confirms per chunk; all or nothing. */
    private void publish(Batch batch, List<SendMailCommand> all) {
        for (int from = 0; from < all.size(); from += CHUNK) {
            var chunk = new LinkedHashMap<UUID, SendMailCommand>();
            all.subList(from, Math.min(all.size(), from + CHUNK)).forEach(c -> chunk.put(c.commandId(), c));
            List<UUID> confirmed;
            try {
                confirmed = commands.publishAll(chunk);
            } catch (PublishFailed e) {
                confirmed = List.of();
            }
            if (confirmed.size() < chunk.size()) {
                meterRegistry.counter("graphmail.mail.publish.failed").increment(all.size());
                throw new PublishFailed("the broker did not confirm " + (chunk.size() - confirmed.size())
                        + " messages of batch " + batch.id());
            }
        }
        records.markBatchPublished(batch.id(), List.of());
    }

    /**
     * The batch's messages; a template is rendered here, once per recipient, within the template limits.
     *
     * @throws ReferenceProblem (400) naming each recipient it does not render for
     */
    private List<SendMailRequest> expand(BatchRequest request, String accountId) {
        if (request.template() == null) {
            return request.messages();
        }
        var templates = new Templates(request.template(), templateLimits);
        var messages = new ArrayList<SendMailRequest>(request.recipients().size());
        var errors = new ReferenceProblem.Errors();
        for (int i = 0; i < request.recipients().size(); i++) {
            try {
                messages.add(templates.render(accountId, request.recipients().get(i)));
            } catch (MustacheException e) {
                errors.add(Place.recipient(i), "variables", e.getMessage());
            } catch (RenderLimitExceeded e) {
                // The first is enough: the other recipients would most likely render past it too, at some cost.
                if (e.batchWide()) {
                    errors.add(Place.REQUEST, e.field(), e.getMessage() + " (reached at recipients[" + i + "])");
                } else {
                    errors.add(Place.recipient(i), e.field(), e.getMessage());
                }
                break;
            }
        }
        errors.throwIfAny(HttpStatus.BAD_REQUEST, "validation", "Invalid request");
        return messages;
    }
}
