package io.graphmail.gateway.send;

import io.graphmail.contract.send.AttachmentReference;
import io.graphmail.contract.send.MailReply;
import java.util.List;

/**
 * What a request's ids point to, resolved when it is submitted.
 *
 * @param attachments the uploaded files to send, in the order given
 * @param reply the message answered, or {@code null}
 */
public record MessageReferences(List<AttachmentReference> attachments, MailReply reply) {

    public static final MessageReferences NONE = new MessageReferences(List.of(), null);
}
