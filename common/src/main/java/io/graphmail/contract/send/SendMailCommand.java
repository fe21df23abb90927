package io.graphmail.contract.send;

import static io.graphmail.contract.MailTopology.SEND_ROUTING_KEY;
import static io.graphmail.contract.MailTopology.TRANSACTIONAL_SEND_ROUTING_KEY;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Send one message from a mailbox. Published by the gateway, consumed by the workers.
 *
 * @param commandId unique per message; workers use it to never send twice
 * @param accountId the mailbox (account) that sends
 * @param to primary recipients' addresses
 * @param cc carbon-copy recipients' addresses
 * @param bcc blind-carbon-copy recipients' addresses
 * @param subject the subject line
 * @param body the content and its type
 * @param replyTo addresses replies should go to; may be empty
 * @param attachments small inline attachments; may be empty
 * @param submittedAt when the gateway accepted the request
 * @param batchId the bulk batch this message belongs to, or {@code null}
 * @param resubmission 0 for the original; counts up each time an operator sends a failed or
 *     dead-lettered message again ({@code null} from older producers means 0)
 * @param storedAttachments attachments uploaded beforehand, sent by reference; may be empty
 * @param reply the message this one answers, or {@code null}
 * @param importance {@code low}, {@code normal} or {@code high}; {@code null} is normal
 * @param headers custom {@code x-} internet message headers; may be empty
 * @param saveToSentItems keep a copy in Sent Items ({@code null} means yes)
 * @param priority {@code high}: sent in the account's transactional lane, ahead of batches, even as part of a batch;
 *     {@code null} or {@code normal}: single sends are transactional, batch messages bulk
 */
public record SendMailCommand(
        UUID commandId,
        String accountId,
        List<String> to,
        List<String> cc,
        List<String> bcc,
        String subject,
        MailBody body,
        List<String> replyTo,
        List<MailAttachment> attachments,
        Instant submittedAt,
        UUID batchId,
        Integer resubmission,
        List<AttachmentReference> storedAttachments,
        MailReply reply,
        String importance,
        Map<String, String> headers,
        Boolean saveToSentItems,
        String priority) {

    /** The {@code priority} that puts a message in its account's transactional lane. */
    public static final String HIGH_PRIORITY = "high";

    public SendMailCommand {
        to = List.copyOf(to == null ? List.of() : to);
        cc = List.copyOf(cc == null ? List.of() : cc);
        bcc = List.copyOf(bcc == null ? List.of() : bcc);
        replyTo = List.copyOf(replyTo == null ? List.of() : replyTo);
        attachments = List.copyOf(attachments == null ? List.of() : attachments);
        resubmission = resubmission == null ? 0 : resubmission;
        storedAttachments = List.copyOf(storedAttachments == null ? List.of() : storedAttachments);
        headers = Map.copyOf(headers == null ? Map.of() : headers);
    }

    /** Whether the message goes ahead of bulk mail: a single send, or one asked for with {@code priority: high}. */
    public boolean isTransactional() {
        return batchId == null || HIGH_PRIORITY.equals(priority);
    }

    /**
     * The routing key the command is published with: transactional commands have a queue of their own, so that they
     * never wait behind a batch's (the workers pace them in the transactional lane by the same rule).
     */
    public String routingKey() {
        return isTransactional() ? TRANSACTIONAL_SEND_ROUTING_KEY : SEND_ROUTING_KEY;
    }

    /** Whether Graph should keep a copy in the mailbox's Sent Items. */
    public boolean keepsSentCopy() {
        return saveToSentItems == null || saveToSentItems;
    }

    /** What workers deduplicate on: the command id, and the resubmission when there was one. */
    public String deliveryKey() {
        return resubmission == 0 ? commandId.toString() : commandId + "#" + resubmission;
    }

    /** The same message, to be sent once more. */
    public SendMailCommand resubmitted() {
        return new SendMailCommand(
                commandId,
                accountId,
                to,
                cc,
                bcc,
                subject,
                body,
                replyTo,
                attachments,
                submittedAt,
                batchId,
                resubmission + 1,
                storedAttachments,
                reply,
                importance,
                headers,
                saveToSentItems,
                priority);
    }
}
