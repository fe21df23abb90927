package io.graphmail.simulator.mail;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

/** A message in Graph's shape and with Graph's property names. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Message(
        String id,
        Instant receivedDateTime,
        Instant sentDateTime,
        Boolean hasAttachments,
        String internetMessageId,
        String subject,
        String bodyPreview,
        Boolean isRead,
        String parentFolderId,
        ItemBody body,
        Recipient from,
        List<Recipient> toRecipients,
        List<Recipient> ccRecipients,
        List<Recipient> bccRecipients,
        List<Recipient> replyTo,
        List<FileAttachment> attachments) {

    record ItemBody(String contentType, String content) {}

    record Recipient(EmailAddress emailAddress) {}

    record EmailAddress(String name, String address) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FileAttachment(
            @JsonProperty("@odata.type") String odataType,
            String id,
            String name,
            String contentType,
            Integer size,
            Boolean isInline,
            String contentBytes) {}

    Stream<Recipient> allRecipients() {
        return Stream.of(toRecipients, ccRecipients, bccRecipients)
                .filter(Objects::nonNull)
                .flatMap(List::stream);
    }

    /** This message as filed in {@code folder}, with whatever Graph would have generated filled in. */
    Message filedIn(Folder folder, Instant now) {
        Instant received = receivedDateTime == null ? now : receivedDateTime;
        List<FileAttachment> files = listOrEmpty(attachments);
        return new Message(
                id == null ? newId() : id,
                received,
                sentDateTime == null ? received : sentDateTime,
                hasAttachments == null ? !files.isEmpty() : hasAttachments,
                internetMessageId == null ? "<" + UUID.randomUUID() + "@graphmail.local>" : internetMessageId,
                subject,
                bodyPreview == null ? BodyPreview.of(body) : bodyPreview,
                isRead == null ? folder == Folder.SENT_ITEMS : isRead,
                folder.id(),
                normalised(body),
                from,
                listOrEmpty(toRecipients),
                listOrEmpty(ccRecipients),
                listOrEmpty(bccRecipients),
                listOrEmpty(replyTo),
                files);
    }

    /** This message as Graph stores it on sending: new identity, sender and times, already read. */
    Message sentBy(String mailbox, Instant now) {
        var sender = new Recipient(new EmailAddress(null, mailbox));
        return new Message(
                null,
                now,
                now,
                null,
                null,
                subject,
                null,
                true,
                null,
                body,
                sender,
                toRecipients,
                ccRecipients,
                bccRecipients,
                replyTo,
                attachments);
    }

    /** The current time as Graph reports it, to the second. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    private static String newId() {
        return "AAMk" + UUID.randomUUID().toString().replace("-", "");
    }

    private static ItemBody normalised(ItemBody body) {
        if (body == null) {
            return new ItemBody("text", "");
        }
        String type = body.contentType() == null ? "text" : body.contentType().toLowerCase(Locale.ROOT);
        return new ItemBody(type, body.content() == null ? "" : body.content());
    }

    private static <T> List<T> listOrEmpty(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
