package io.graphmail.gateway.send;

import io.graphmail.contract.send.SendMailCommand;
import io.graphmail.gateway.accounts.AccountDefaults;
import io.graphmail.gateway.accounts.KnownAccounts;
import io.graphmail.gateway.idempotency.StableIds;
import io.graphmail.gateway.mail.MailRecord;
import io.graphmail.gateway.mail.MailRecords;
import io.graphmail.gateway.mail.MailView;
import io.graphmail.gateway.mail.Outbox;
import io.graphmail.gateway.ratelimits.MessageQuotas;
import io.graphmail.gateway.security.ApiClient;
import io.graphmail.platform.messaging.PublishFailed;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Accepts a message through the {@link Outbox}: recorded, then published with a broker confirm. Either the broker has
 * it and the caller hears 202, or the record is withdrawn and the caller hears 503; a record the outbox's sweeper
 * claimed while the publish hung is not withdrawn, and the caller hears 202, since the sweeper sends it. A record left
 * behind by a crash in between is published later by the sweeper. Repeated requests are answered by the {@code Idempotency-Key}
 * filter before they get here, except the retry of a request whose gateway stopped: its stable id finds the record
 * that gateway left, which is published again and answered, never recorded twice (workers send a command id once).
 */
@Service
public class SubmittingMail {

    private final MailRecords records;
    private final Outbox outbox;
    private final AccountDefaults accountDefaults;
    private final KnownAccounts knownAccounts;
    private final ResolvingReferences references;
    private final MessageQuotas quotas;
    private final SuppressedRecipients suppressed;
    private final MeterRegistry meterRegistry;
    private final Clock clock;

    SubmittingMail(
            MailRecords records,
            Outbox outbox,
            AccountDefaults accountDefaults,
            KnownAccounts knownAccounts,
            ResolvingReferences references,
            MessageQuotas quotas,
            SuppressedRecipients suppressed,
            MeterRegistry meterRegistry,
            Clock clock) {
        this.records = records;
        this.outbox = outbox;
        this.accountDefaults = accountDefaults;
        this.knownAccounts = knownAccounts;
        this.references = references;
        this.quotas = quotas;
        this.suppressed = suppressed;
        this.meterRegistry = meterRegistry;
        this.clock = clock;
    }

    /**
     * @throws PublishFailed if the broker did not take the message and its record was withdrawn (nothing was accepted)
     * @throws io.graphmail.gateway.accounts.AccountNotFound if the account is not registered or not the client's
     * @throws ReferenceProblem if an upload or the message answered is unknown, or the message is over the account's
     *     sending limits (nothing was accepted)
     */
    public MailView submit(SendMailRequest request, ApiClient client, StableIds ids) {
        return submit(request, client, ids, "to");
    }

    /**
     * @param recipientsField the field a refusal for too many recipients names: {@code to}, or the original
     *     endpoint's {@code recipients}
     */
    public MailView submit(SendMailRequest request, ApiClient client, StableIds ids, String recipientsField) {
        String accountId = accountDefaults.orDefault(request.accountId());
        knownAccounts.requireUsable(accountId, client);
        MessageReferences resolved = references.forMessage(accountId, request, client, recipientsField);
        suppressed.refuse(request, client);
        UUID id = ids.id("mail");
        var left = ids.stable() ? records.find(id) : Optional.<MailRecord>empty();
        if (left.isPresent()) {
            return resume(left.get());
        }
        quotas.take(client, 1);
        SendMailCommand command = SendMailCommands.of(id, accountId, request, resolved, clock.instant(), null);
        var record = outbox.accept(command, request.sendAt(), client.id());
        meterRegistry.counter("graphmail.mail.accepted", "endpoint", "single").increment();
        return MailView.of(record);
    }

    /**
     * The record a stopped gateway left, published again unless it is known to be on the broker. It is accepted
     * whatever the broker says now: that gateway may have published it already.
     */
    private MailView resume(MailRecord left) {
        outbox.resume(left);
        meterRegistry.counter("graphmail.mail.accepted", "endpoint", "single").increment();
        return MailView.of(records.find(UUID.fromString(left.id())).orElse(left));
    }
}
