package io.graphmail.simulator.mailbox;

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
public record Message(
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
        List<FileAttachment> attachments,
        List<InternetMessageHeader> internetMessageHeaders,
        List<ExtendedProperty> singleValueExtendedProperties) {

    public record ItemBody(String contentType, String content) {}

    /** A custom Internet message header; Graph accepts only names starting with {@code x-}. */
    public record InternetMessageHeader(String name, String value) {}

    /** A single-value extended property, e.g. {@code String {<guid>} Name ClientKey}. */
    public record ExtendedProperty(String id, String value) {}

    public record Recipient(EmailAddress emailAddress) {}

    public record EmailAddress(String name, String address) {}

    public record Flag(String flagStatus) {}

    public Stream<Recipient> allRecipients() {
        return Stream.of(toRecipients, ccRecipients, bccRecipients)
                .filter(Objects::nonNull)
                .flatMap(List::stream);
    }

    /** This message as filed in {@code folder}, with whatever Graph would have generated filled in. */
    public Message filedIn(Folder folder, Instant now) {
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
                files,
                listOrEmpty(internetMessageHeaders),
                listOrEmpty(singleValueExtendedProperties));
    }

    /** This message as Graph stores it on sending: new identity, sender and times, already read. */
    public Message sentBy(String mailbox, Instant now) {
        return authoredBy(mailbox, now, null, null, false);
    }

    /**
     * This message as a draft of {@code mailbox}, before filing: new identity, the mailbox as sender, read. The
     * conversation, if given, stays: a reply belongs to the conversation of the message it answers.
     */
    public Message draftedBy(String mailbox) {
        return authoredBy(mailbox, null, internetMessageId, conversationId, true);
    }

    /** This message's content under a new identity, from {@code mailbox} and read, received and sent at {@code at}. */
    private Message authoredBy(String mailbox, Instant at, String messageId, String conversation, boolean draft) {
        var owner = new Recipient(new EmailAddress(null, mailbox));
        return new Message(
                null,
                null,
                null,
                null,
                categories,
                at,
                at,
                null,
                messageId,
                subject,
                null,
                importance,
                null,
                conversation,
                true,
                draft,
                null,
                body,
                owner,
                owner,
                toRecipients,
                ccRecipients,
                bccRecipients,
                replyTo,
                flag,
                attachments,
                internetMessageHeaders,
                singleValueExtendedProperties);
    }

    /** This message after a change: filed in {@code folder}, with a new change key and modification time. */
    public Message revised(Folder folder, Instant now) {
        return copy(folder, now, isDraft, receivedDateTime, sentDateTime, attachments, hasAttachments);
    }

    /** This draft once sent: in Sent Items under the same id, no longer a draft, sent and received now. */
    public Message sentAt(Instant now) {
        return copy(Folder.SENT_ITEMS, now, false, now, now, attachments, hasAttachments);
    }

    /** This message with one more file attachment, in the same folder. */
    public Message withAttachment(FileAttachment file, Instant now) {
        var files = Stream.concat(listOrEmpty(attachments).stream(), Stream.of(file))
                .toList();
        return copy(Folder.named(parentFolderId), now, isDraft, receivedDateTime, sentDateTime, files, true);
    }

    /** Whether this message is an unsent draft. */
    public boolean draft() {
        return Boolean.TRUE.equals(isDraft);
    }

    private Message copy(
            Folder folder,
            Instant now,
            Boolean draft,
            Instant received,
            Instant sent,
            List<FileAttachment> files,
            Boolean hasFiles) {
        return new Message(
                id,
                createdDateTime,
                now,
                Ids.changeKey(),
                categories,
                received,
                sent,
                hasFiles,
                internetMessageId,
                subject,
                bodyPreview,
                importance,
                folder.id(),
                conversationId,
                isRead,
                draft,
                webLink,
                body,
                sender,
                from,
                toRecipients,
                ccRecipients,
                bccRecipients,
                replyTo,
                flag,
                files,
                internetMessageHeaders,
                singleValueExtendedProperties);
    }

    /** The current time as Graph reports it, to the second. */
    public static Instant now() {
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
