package io.graphmail.gateway.send;

import io.graphmail.contract.send.AttachmentReference;
import io.graphmail.contract.send.MailReply;
import io.graphmail.gateway.accounts.KnownAccounts;
import io.graphmail.gateway.attachments.UploadedAttachments;
import io.graphmail.gateway.messages.KnownMessages;
import io.graphmail.gateway.security.ApiClient;
import io.graphmail.gateway.send.ReferenceProblem.Errors;
import io.graphmail.gateway.send.ReferenceProblem.Place;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Resolves what a send refers to by id, before anything is recorded: uploaded files
 * ({@code attachmentIds}) and the message answered ({@code inReplyTo}), which must be in the sending
 * account's mailbox; and holds every message to the account's sending limits (recipients per message, message size),
 * which Exchange would otherwise bounce after Graph accepted the send. A batch is looked up with one query per kind,
 * and fails as a whole.
 */
@Component
public class ResolvingReferences {

    private final UploadedAttachments uploads;
    private final KnownMessages messages;
    private final KnownAccounts accounts;
    private final long defaultMaxMessageBytes;

    ResolvingReferences(
            UploadedAttachments uploads, KnownMessages messages, KnownAccounts accounts, MessageSizeLimit limit) {
        this.uploads = uploads;
        this.messages = messages;
        this.accounts = accounts;
        this.defaultMaxMessageBytes = limit.maxSize().toBytes();
    }

    /**
     * @param recipientsField the field that names the recipients in the request ({@code to}, or the original
     *     endpoint's {@code recipients})
     * @throws ReferenceProblem if the message is over the account's limits or an id does not resolve
     */
    MessageReferences forMessage(String accountId, SendMailRequest request, ApiClient client, String recipientsField) {
        var limits = AccountLimits.of(accounts.sendingLimits(accountId), defaultMaxMessageBytes);
        var errors = new Errors();
        limits.checkRecipients(Place.REQUEST, recipientsField, request, errors);
        errors.throwIfAny(HttpStatus.BAD_REQUEST, "validation", "Invalid request");
        return resolve(accountId, List.of(Wanted.of(Place.REQUEST, request)), client, limits)
                .get(0);
    }

    /**
     * One entry per message, in order; a template's uploads are resolved once and shared by every message.
     *
     * @param templateAttachmentIds the batch template's uploads; {@code null} for a batch that lists its messages
     * @throws ReferenceProblem naming every item whose ids do not resolve or that is over the account's limits
     */
    public List<MessageReferences> forBatch(
            String accountId, List<SendMailRequest> expanded, List<String> templateAttachmentIds, ApiClient client) {
        boolean templated = templateAttachmentIds != null;
        var limits = AccountLimits.of(accounts.sendingLimits(accountId), defaultMaxMessageBytes);
        var errors = new Errors();
        for (int i = 0; i < expanded.size(); i++) {
            Place place = templated ? Place.recipient(i) : Place.item(i);
            limits.checkRecipients(place, "to", expanded.get(i), errors);
        }
        errors.throwIfAny(HttpStatus.BAD_REQUEST, "validation", "Invalid request");
        if (templated) {
            var template = new Wanted(Place.TEMPLATE, templateAttachmentIds, null, 0, "attachmentIds");
            return Collections.nCopies(
                    expanded.size(),
                    resolve(accountId, List.of(template), client, limits).get(0));
        }
        return resolve(
                accountId,
                IntStream.range(0, expanded.size())
                        .mapToObj(i -> Wanted.of(Place.item(i), expanded.get(i)))
                        .toList(),
                client,
                limits);
    }

    private List<MessageReferences> resolve(
            String accountId, List<Wanted> wanted, ApiClient client, AccountLimits limits) {
        List<MessageReferences> resolved = wanted.stream().allMatch(Wanted::isEmpty)
                ? Collections.nCopies(wanted.size(), MessageReferences.NONE)
                : lookUp(accountId, wanted, client);
        checkSizes(wanted, resolved, limits);
        return resolved;
    }

    private List<MessageReferences> lookUp(String accountId, List<Wanted> wanted, ApiClient client) {
        Map<String, AttachmentReference> uploaded = uploads.find(
                wanted.stream()
                        .flatMap(w -> w.attachmentIds().stream())
                        .distinct()
                        .toList(),
                client);
        var errors = new Errors();
        for (Wanted w : wanted) {
            for (int i = 0; i < w.attachmentIds().size(); i++) {
                String id = w.attachmentIds().get(i);
                if (!uploaded.containsKey(id)) {
                    errors.add(w.place(), "attachmentIds[" + i + "]", "no uploaded attachment has id " + id);
                }
            }
        }
        errors.throwIfAny(HttpStatus.NOT_FOUND, "attachment-not-found", "Attachment not found");
        Map<String, String> graphIds = graphIdsOfAnswered(accountId, wanted);
        for (Wanted w : wanted) {
            if (w.inReplyTo() != null && !graphIds.containsKey(w.inReplyTo().messageId())) {
                errors.add(
                        w.place(),
                        "inReplyTo.messageId",
                        "no message " + w.inReplyTo().messageId() + " in the mailbox of account " + accountId);
            }
        }
        errors.throwIfAny(HttpStatus.NOT_FOUND, "message-not-found", "Message not found");
        return wanted.stream().map(w -> w.resolvedWith(uploaded, graphIds)).toList();
    }

    private Map<String, String> graphIdsOfAnswered(String accountId, List<Wanted> wanted) {
        List<String> answered = wanted.stream()
                .map(Wanted::inReplyTo)
                .filter(Objects::nonNull)
                .map(SendMailRequest.InReplyTo::messageId)
                .distinct()
                .toList();
        return answered.isEmpty() ? Map.of() : messages.graphIdsInMailbox(accountId, answered);
    }

    /** Body and attachments together within the account's message size limit (Exchange Online: 35 MB by default). */
    private static void checkSizes(List<Wanted> wanted, List<MessageReferences> resolved, AccountLimits limits) {
        var errors = new Errors();
        for (int i = 0; i < wanted.size(); i++) {
            long total = wanted.get(i).ownBytes()
                    + resolved.get(i).attachments().stream()
                            .mapToLong(AttachmentReference::size)
                            .sum();
            if (total > limits.maxMessageBytes()) {
                errors.add(
                        wanted.get(i).place(),
                        wanted.get(i).sizeField(),
                        "the message's body and attachments total " + total + " bytes; at most "
                                + limits.maxMessageBytes() + " per message (" + limits.sizeSource() + ")");
            }
        }
        errors.throwIfAny(HttpStatus.CONTENT_TOO_LARGE, "attachments-too-large", "Attachments too large");
    }

    /**
     * The ids one message gives, and where in the request it gives them.
     *
     * @param sizeField the field a message too large is refused on: its uploads, else its inline attachments, else
     *     its body
     */
    private record Wanted(
            Place place,
            List<String> attachmentIds,
            SendMailRequest.InReplyTo inReplyTo,
            long ownBytes,
            String sizeField) {

        /** The message's own bytes: its body and inline attachments. */
        static Wanted of(Place place, SendMailRequest request) {
            long inlineBytes = request.attachments().stream()
                    .mapToLong(a ->
                            a.contentBase64() == null ? 0 : a.contentBase64().length() * 3L / 4)
                    .sum();
            long bodyBytes = request.body() == null || request.body().content() == null
                    ? 0
                    : request.body().content().getBytes(StandardCharsets.UTF_8).length;
            String sizeField = !request.attachmentIds().isEmpty()
                    ? "attachmentIds"
                    : request.attachments().isEmpty() ? "body" : "attachments";
            return new Wanted(place, request.attachmentIds(), request.inReplyTo(), inlineBytes + bodyBytes, sizeField);
        }

        boolean isEmpty() {
            return attachmentIds.isEmpty() && inReplyTo == null;
        }

        MessageReferences resolvedWith(Map<String, AttachmentReference> uploaded, Map<String, String> graphIds) {
            MailReply reply = inReplyTo == null
                    ? null
                    : new MailReply(inReplyTo.messageId(), graphIds.get(inReplyTo.messageId()), inReplyTo.replyAll());
            return new MessageReferences(
                    attachmentIds.stream().map(uploaded::get).toList(), reply);
        }
    }
}
