package io.graphmail.gateway.send;

import io.graphmail.contract.send.AttachmentReference;
import io.graphmail.contract.send.MailReply;
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
 * account's mailbox. A batch is looked up with one query per kind, and fails as a whole.
 */
@Component
public class ResolvingReferences {

    private final UploadedAttachments uploads;
    private final KnownMessages messages;
    private final long maxMessageBytes;

    ResolvingReferences(UploadedAttachments uploads, KnownMessages messages, MessageSizeLimit limit) {
        this.uploads = uploads;
        this.messages = messages;
        this.maxMessageBytes = limit.maxSize().toBytes();
    }

    /** @throws ReferenceProblem if an id does not resolve or the attachments are too large */
    MessageReferences forMessage(String accountId, SendMailRequest request, ApiClient client) {
        return resolve(accountId, List.of(Wanted.of(Place.REQUEST, request)), client)
                .get(0);
    }

    /**
     * One entry per message of a batch that lists its messages, in order.
     *
     * @throws ReferenceProblem naming every item whose ids do not resolve
     */
    public List<MessageReferences> forBatch(String accountId, List<SendMailRequest> messages, ApiClient client) {
        return resolve(
                accountId,
                IntStream.range(0, messages.size())
                        .mapToObj(i -> Wanted.of(Place.item(i), messages.get(i)))
                        .toList(),
                client);
    }

    /**
     * A batch template's uploads, resolved once and shared by each of its {@code copies} messages.
     *
     * @throws ReferenceProblem naming the template's ids that do not resolve
     */
    public List<MessageReferences> forTemplate(
            String accountId, List<String> attachmentIds, int copies, ApiClient client) {
        var template = new Wanted(Place.TEMPLATE, attachmentIds, null, 0);
        return Collections.nCopies(
                copies, resolve(accountId, List.of(template), client).get(0));
    }

    private List<MessageReferences> resolve(String accountId, List<Wanted> wanted, ApiClient client) {
        if (wanted.stream().allMatch(Wanted::isEmpty)) {
            return Collections.nCopies(wanted.size(), MessageReferences.NONE);
        }
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
        List<MessageReferences> resolved =
                wanted.stream().map(w -> w.resolvedWith(uploaded, graphIds)).toList();
        checkSizes(wanted, resolved);
        return resolved;
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

    /** Body and attachments together within the message size limit (Exchange Online: 35 MB by default). */
    private void checkSizes(List<Wanted> wanted, List<MessageReferences> resolved) {
        var errors = new Errors();
        for (int i = 0; i < wanted.size(); i++) {
            long total = wanted.get(i).ownBytes()
                    + resolved.get(i).attachments().stream()
                            .mapToLong(AttachmentReference::size)
                            .sum();
            if (total > maxMessageBytes) {
                errors.add(
                        wanted.get(i).place(),
                        "attachmentIds",
                        "the message's body and attachments total " + total + " bytes; at most " + maxMessageBytes
                                + " per message (Exchange Online's message size limit)");
            }
        }
        errors.throwIfAny(HttpStatus.CONTENT_TOO_LARGE, "attachments-too-large", "Attachments too large");
    }

    /** The ids one message gives, and where in the request it gives them. */
    private record Wanted(Place place, List<String> attachmentIds, SendMailRequest.InReplyTo inReplyTo, long ownBytes) {

        /** The message's own bytes: its body and inline attachments. */
        static Wanted of(Place place, SendMailRequest request) {
            long inlineBytes = request.attachments().stream()
                    .mapToLong(a ->
                            a.contentBase64() == null ? 0 : a.contentBase64().length() * 3L / 4)
                    .sum();
            long bodyBytes = request.body() == null || request.body().content() == null
                    ? 0
                    : request.body().content().getBytes(StandardCharsets.UTF_8).length;
            return new Wanted(place, request.attachmentIds(), request.inReplyTo(), inlineBytes + bodyBytes);
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
