package io.graphmail.gateway.send;

import io.graphmail.contract.send.SendMailCommand;
import io.graphmail.gateway.accounts.AccountDefaults;
import io.graphmail.gateway.accounts.KnownAccounts;
import io.graphmail.gateway.messaging.MailCommands;
import io.graphmail.gateway.ratelimits.MessageQuotas;
import io.graphmail.gateway.security.ApiClient;
import io.graphmail.logging.CorrelationId;
import io.graphmail.messaging.PublishFailed;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accepts a batch: every message is recorded first (bulk inserts), then published in chunks with
 * one wait for all confirms per chunk. Once recorded, a message is accepted: anything the broker did
 * not confirm is published by the sweeper. Only if the broker took none is the batch withdrawn (503).
 * Ids the messages refer to (uploads, answered messages) are resolved before anything is recorded.
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
    private final Duration grace;

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
            @Value("${graphmail.gateway.sweeper.grace:30s}") Duration grace) {
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
        this.grace = grace;
    }

    Batch submit(BatchRequest request, ApiClient client) {
        String accountId = accountDefaults.orDefault(request.accountId());
        knownAccounts.requireUsable(accountId, client);
        List<SendMailRequest> messages = expand(request, accountId);
        List<MessageReferences> resolved = references.forBatch(accountId, request, messages, client);
        quotas.take(client, messages.size());
        Instant now = clock.instant();
        UUID batchId = UUID.randomUUID();
        List<SendMailCommand> all = IntStream.range(0, messages.size())
                .mapToObj(i -> SendMailCommands.of(
                        UUID.randomUUID(), accountId, messages.get(i), resolved.get(i), now, batchId))
                .toList();
        var batch = new Batch(
                batchId.toString(), accountId, Batch.State.ACTIVE, all.size(), now, request.sendAt(), client.id());
        batches.insert(batch);
        for (int from = 0; from < all.size(); from += CHUNK) {
            records.insertAll(all.subList(from, Math.min(all.size(), from + CHUNK)).stream()
                    .map(command -> MailRecord.unpublished(
                            command,
                            request.sendAt(),
                            grace,
                            jsonMapper.writeValueAsString(command),
                            CorrelationId.current(),
                            client.id()))
                    .toList());
        }
        if (request.sendAt() == null || !request.sendAt().isAfter(now)) {
            publish(batch, all);
        }
        meterRegistry.counter("graphmail.mail.accepted", "endpoint", "batch").increment(all.size());
        return batch;
    }

    private void publish(Batch batch, List<SendMailCommand> all) {
        var unconfirmed = new ArrayList<UUID>();
        for (int from = 0; from < all.size(); from += CHUNK) {
            var chunk = new LinkedHashMap<UUID, SendMailCommand>();
            all.subList(from, Math.min(all.size(), from + CHUNK)).forEach(c -> chunk.put(c.commandId(), c));
            List<UUID> confirmed;
            try {
                confirmed = commands.publishAll(chunk);
            } catch (PublishFailed e) {
                confirmed = List.of();
            }
            if (confirmed.isEmpty() && unconfirmed.size() == from) {
                batches.delete(batch.id());
                meterRegistry.counter("graphmail.mail.publish.failed").increment(all.size());
                throw new PublishFailed("the broker took no message of the batch");
            }
            var taken = new HashSet<>(confirmed);
            chunk.keySet().stream().filter(id -> !taken.contains(id)).forEach(unconfirmed::add);
        }
        records.markBatchPublished(batch.id(), unconfirmed);
    }

    private static List<SendMailRequest> expand(BatchRequest request, String accountId) {
        if (request.template() == null) {
            return request.messages();
        }
        var templates = new Templates(request.template());
        var messages = new ArrayList<SendMailRequest>(request.recipients().size());
        request.recipients().forEach(recipient -> messages.add(templates.render(accountId, recipient)));
        return messages;
    }
}
