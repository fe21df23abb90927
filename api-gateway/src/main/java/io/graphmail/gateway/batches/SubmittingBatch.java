package io.graphmail.gateway.batches;

import com.samskivert.mustache.MustacheException;
import io.graphmail.gateway.accounts.AccountDefaults;
import io.graphmail.gateway.accounts.KnownAccounts;
import io.graphmail.gateway.idempotency.StableIds;
import io.graphmail.gateway.ratelimits.MessageQuotas;
import io.graphmail.gateway.security.ApiClient;
import io.graphmail.gateway.send.MessageReferences;
import io.graphmail.gateway.send.ReferenceProblem;
import io.graphmail.gateway.send.ReferenceProblem.Place;
import io.graphmail.gateway.send.ResolvingReferences;
import io.graphmail.gateway.send.SendMailRequest;
import io.graphmail.gateway.send.SuppressedRecipients;
import io.graphmail.gateway.templates.RenderLimitExceeded;
import io.graphmail.gateway.templates.TemplateLimits;
import io.graphmail.gateway.templates.Templates;
import io.graphmail.platform.messaging.PublishFailed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Accepts a batch: checks its account, renders its template if it has one, and resolves the ids its messages refer to
 * (uploads, answered messages) before anything is recorded; then {@link PublishingBatch} records and publishes it, all
 * or nothing. Items addressed to a recipient on the client's suppression list are recorded SUPPRESSED and not sent
 * (nor taken from the client's quota), unless the request overrides the list.
 */
@Service
class SubmittingBatch {

    private final PublishingBatch publishing;
    private final KnownAccounts knownAccounts;
    private final AccountDefaults accountDefaults;
    private final ResolvingReferences references;
    private final MessageQuotas quotas;
    private final TemplateLimits templateLimits;
    private final SuppressedRecipients suppressedRecipients;
    private final AccountRates rates;

    SubmittingBatch(
            PublishingBatch publishing,
            KnownAccounts knownAccounts,
            AccountDefaults accountDefaults,
            ResolvingReferences references,
            MessageQuotas quotas,
            TemplateLimits templateLimits,
            SuppressedRecipients suppressedRecipients,
            AccountRates rates) {
        this.publishing = publishing;
        this.knownAccounts = knownAccounts;
        this.accountDefaults = accountDefaults;
        this.references = references;
        this.quotas = quotas;
        this.templateLimits = templateLimits;
        this.suppressedRecipients = suppressedRecipients;
        this.rates = rates;
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
        List<SendMailRequest> messages = expand(request, accountId).stream()
                .map(message -> message.withDefaultPriority(request.priority()))
                .toList();
        List<MessageReferences> resolved = references.forBatch(
                accountId,
                messages,
                request.template() == null ? null : request.template().attachmentIds(),
                client);
        Map<Integer, String> suppressed =
                suppressedRecipients.inBatch(messages, Boolean.TRUE.equals(request.ignoreSuppressions()), client);
        int sending = messages.size() - suppressed.size();
        return publishing.publish(
                new PublishingBatch.Messages(
                        accountId,
                        messages,
                        resolved,
                        suppressed,
                        request.sendAt(),
                        client.id(),
                        rates.window(accountId)),
                ids,
                () -> {
                    if (sending > 0) {
                        quotas.take(client, sending);
                    }
                });
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
        var template = request.template();
        var templates = new Templates(template.subject(), template.html(), template.text(), templateLimits);
        var messages = new ArrayList<SendMailRequest>(request.recipients().size());
        var errors = new ReferenceProblem.Errors();
        for (int i = 0; i < request.recipients().size(); i++) {
            try {
                var recipient = request.recipients().get(i);
                messages.add(templates.render(
                        accountId, recipient.to(), recipient.cc(), recipient.bcc(), recipient.variables()));
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
