package io.graphmail.gateway.send;

import io.graphmail.contract.send.MailAttachment;
import io.graphmail.contract.send.MailBody;
import io.graphmail.contract.send.SendMailCommand;
import io.graphmail.gateway.accounts.KnownAccounts;
import io.graphmail.gateway.messaging.MailCommands;
import io.graphmail.messaging.PublishFailed;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accepts a message: records it, then publishes it with a broker confirm. Either the broker has
 * it and the caller hears 202, or the record is withdrawn and the caller hears 503. A record left
 * behind by a crash in between is published later by {@link UnpublishedMailSweeper}.
 */
@Service
class SubmittingMail {

    private final MailRecords records;
    private final MailCommands commands;
    private final JsonMapper jsonMapper;
    private final AccountDefaults accountDefaults;
    private final KnownAccounts knownAccounts;
    private final MeterRegistry meterRegistry;
    private final Clock clock;

    SubmittingMail(
            MailRecords records,
            MailCommands commands,
            JsonMapper jsonMapper,
            AccountDefaults accountDefaults,
            KnownAccounts knownAccounts,
            MeterRegistry meterRegistry,
            Clock clock) {
        this.records = records;
        this.commands = commands;
        this.jsonMapper = jsonMapper;
        this.accountDefaults = accountDefaults;
        this.knownAccounts = knownAccounts;
        this.meterRegistry = meterRegistry;
        this.clock = clock;
    }

    /**
     * @param client who is submitting, to scope {@code idempotencyKey}
     * @param idempotencyKey optional; repeating a request with the same key returns the first result
     * @throws PublishFailed if the broker did not take the message (nothing was accepted)
     * @throws IdempotencyKeyReused if the key was used before for a different request
     * @throws io.graphmail.gateway.accounts.AccountNotFound if the account is not registered
     */
    Submission submit(SendMailRequest request, String client, String idempotencyKey) {
        String requestHash = Fingerprints.of(jsonMapper.writeValueAsBytes(request));
        UUID id = idempotencyKey == null
                ? UUID.randomUUID()
                : UUID.nameUUIDFromBytes((client + '\n' + idempotencyKey).getBytes(StandardCharsets.UTF_8));
        String accountId = accountDefaults.orDefault(request.accountId());
        knownAccounts.requireExists(accountId);
        SendMailCommand command = toCommand(id, accountId, request, clock.instant());
        String outbox = jsonMapper.writeValueAsString(command);
        var record = new MailRecord(
                id.toString(),
                command.accountId(),
                MailStatus.ACCEPTED,
                0,
                null,
                command.submittedAt(),
                null,
                true,
                outbox,
                requestHash);
        try {
            records.insert(record);
        } catch (DuplicateKeyException replay) {
            return replayOf(id, requestHash);
        }
        try {
            commands.publish(command);
        } catch (PublishFailed e) {
            records.delete(id);
            meterRegistry.counter("graphmail.mail.publish.failed").increment();
            throw e;
        }
        records.markPublished(id);
        meterRegistry.counter("graphmail.mail.accepted").increment();
        return new Submission(MailView.of(record), false);
    }

    private Submission replayOf(UUID id, String requestHash) {
        MailRecord existing = records.find(id).orElseThrow();
        if (!requestHash.equals(existing.requestHash())) {
            throw new IdempotencyKeyReused();
        }
        return new Submission(MailView.of(existing), true);
    }

    private SendMailCommand toCommand(UUID id, String accountId, SendMailRequest request, Instant now) {
        var type = MailBody.ContentType.valueOf(request.body().contentType().toUpperCase(Locale.ROOT));
        return new SendMailCommand(
                id,
                accountId,
                request.to(),
                request.cc(),
                request.bcc(),
                request.subject(),
                new MailBody(type, request.body().content()),
                request.replyTo(),
                request.attachments().stream()
                        .map(a -> new MailAttachment(a.name(), a.contentType(), a.contentBase64()))
                        .toList(),
                now,
                null);
    }

    /** The result of a submission; {@code replayed} when an idempotency key matched an earlier one. */
    record Submission(MailView mail, boolean replayed) {}
}
