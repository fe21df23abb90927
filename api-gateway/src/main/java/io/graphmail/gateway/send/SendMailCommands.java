package io.graphmail.gateway.send;

import io.graphmail.contract.send.MailAttachment;
import io.graphmail.contract.send.MailBody;
import io.graphmail.contract.send.SendMailCommand;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/** Turns a validated request, its ids resolved, into the command the workers receive. */
public final class SendMailCommands {

    private SendMailCommands() {}

    public static SendMailCommand of(
            UUID id,
            String accountId,
            SendMailRequest request,
            MessageReferences references,
            Instant now,
            UUID batchId) {
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
                batchId,
                0,
                references.attachments(),
                references.reply(),
                request.importance() == null ? null : request.importance().toLowerCase(Locale.ROOT),
                request.headers(),
                request.saveToSentItems(),
                request.priority() == null ? null : request.priority().toLowerCase(Locale.ROOT));
    }
}
