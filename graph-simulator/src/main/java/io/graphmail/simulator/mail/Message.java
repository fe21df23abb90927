package io.graphmail.simulator.mail;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/** A message in Graph's shape and with Graph's property names. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Message(
        String id,
        Instant createdDateTime,
        Instant lastModifiedDateTime,
        String changeKey,
        List<String> categories,
        Instant receivedDateTime,
        Instant sentDateTime,
        Boolean hasAttachments,
        String internetMessageId,
        String subject,
        String bodyPreview,
        String importance,
        String parentFolderId,
        String conversationId,
        Boolean isRead,
        Boolean isDraft,
        String webLink,
        ItemBody body,
        Recipient sender,
        Recipient from,
        List<Recipient> toRecipients,
        List<Recipient> ccRecipients,
        List<Recipient> bccRecipients,
        List<Recipient> replyTo,
        Flag flag,
        List<FileAttachment> attachments) {

    record ItemBody(String contentType, String content) {}

    record Recipient(EmailAddress emailAddress) {}

    record EmailAddress(String name, String address) {}

    record Flag(String flagStatus) {}

    Stream<Recipient> allRecipients() {
        return Stream.of(toRecipients, ccRecipients, bccRecipients)
                .filter(Objects::nonNull)
                .flatMap(List::stream);
    }

    /** This message as filed in {@code folder}, with whatever Graph would have generated filled in. */
    Message filedIn(Folder folder, Instant now) {
        String messageId = id == null ? Ids.message() : id;
        Instant received = receivedDateTime == null ? now : receivedDateTime;
        List<FileAttachment> files =
                listOrEmpty(attachments).stream().map(file -> file.stored(now)).toList();
        return new Message(
                messageId,
                createdDateTime == null ? now : createdDateTime,
                now,
                Ids.changeKey(),
                listOrEmpty(categories),
                received,
                sentDateTime == null ? received : sentDateTime,
                hasAttachments == null ? !files.isEmpty() : hasAttachments,
                internetMessageId == null ? Ids.internetMessageId() : internetMessageId,
                subject,
                bodyPreview == null ? BodyPreview.of(body) : bodyPreview,
                importance == null ? "normal" : importance.toLowerCase(Locale.ROOT),
                folder.id(),
                conversationId == null ? Ids.conversation() : conversationId,
                isRead == null ? folder == Folder.SENT_ITEMS : isRead,
                isDraft != null && isDraft,
                webLink(messageId),
                normalised(body),
                sender == null ? from : sender,
                from == null ? sender : from,
                listOrEmpty(toRecipients),
                listOrEmpty(ccRecipients),
                listOrEmpty(bccRecipients),
                listOrEmpty(replyTo),
                flag == null ? new Flag("notFlagged") : flag,
                files);
    }

    /** This message as Graph stores it on sending: new identity, sender and times, already read. */
    Message sentBy(String mailbox, Instant now) {
        var sender = new Recipient(new EmailAddress(null, mailbox));
        return new Message(
                null,
                null,
                null,
                null,
                categories,
                now,
                now,
                null,
                null,
                subject,
                null,
                importance,
                null,
                null,
                true,
                false,
                null,
                body,
                sender,
                sender,
                toRecipients,
                ccRecipients,
                bccRecipients,
                replyTo,
                flag,
                attachments);
    }

    /** This message after a change: filed in {@code folder}, with a new change key and modification time. */
    Message revised(Folder folder, Instant now) {
        return new Message(
                id,
                createdDateTime,
                now,
                Ids.changeKey(),
                categories,
                receivedDateTime,
                sentDateTime,
                hasAttachments,
                internetMessageId,
                subject,
                bodyPreview,
                importance,
                folder.id(),
                conversationId,
                isRead,
                isDraft,
                webLink,
                body,
                sender,
                from,
                toRecipients,
                ccRecipients,
                bccRecipients,
                replyTo,
                flag,
                attachments);
    }

    /** The current time as Graph reports it, to the second. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    private static String webLink(String id) {
        return "https://outlook.office365.com/owa/?ItemID=" + URLEncoder.encode(id, StandardCharsets.UTF_8)
                + "&exvsurl=1&viewmodel=ReadMessageItem";
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
