package io.graphmail.worker.graph;

import com.microsoft.graph.models.Attachment;
import com.microsoft.graph.models.BodyType;
import com.microsoft.graph.models.EmailAddress;
import com.microsoft.graph.models.FileAttachment;
import com.microsoft.graph.models.ItemBody;
import com.microsoft.graph.models.Message;
import com.microsoft.graph.models.Recipient;
import io.graphmail.contract.send.MailAttachment;
import io.graphmail.contract.send.MailBody;
import io.graphmail.contract.send.SendMailCommand;
import java.util.Base64;
import java.util.List;

/** Translates our command into Graph's message model. */
final class GraphMessages {

    private GraphMessages() {}

    static Message from(SendMailCommand command) {
        var message = new Message();
        message.setSubject(command.subject());
        message.setBody(body(command.body()));
        message.setToRecipients(recipients(command.to()));
        message.setCcRecipients(recipients(command.cc()));
        message.setBccRecipients(recipients(command.bcc()));
        message.setReplyTo(recipients(command.replyTo()));
        if (!command.attachments().isEmpty()) {
            message.setAttachments(command.attachments().stream()
                    .map(GraphMessages::attachment)
                    .toList());
        }
        return message;
    }

    private static ItemBody body(MailBody body) {
        var item = new ItemBody();
        item.setContentType(body.contentType() == MailBody.ContentType.HTML ? BodyType.Html : BodyType.Text);
        item.setContent(body.content());
        return item;
    }

    private static List<Recipient> recipients(List<String> addresses) {
        return addresses.stream().map(GraphMessages::recipient).toList();
    }

    private static Recipient recipient(String address) {
        var email = new EmailAddress();
        email.setAddress(address);
        var recipient = new Recipient();
        recipient.setEmailAddress(email);
        return recipient;
    }

    private static Attachment attachment(MailAttachment source) {
        var attachment = new FileAttachment();
        attachment.setOdataType("#microsoft.graph.fileAttachment");
        attachment.setName(source.name());
        attachment.setContentType(source.contentType());
        attachment.setContentBytes(Base64.getDecoder().decode(source.contentBase64()));
        return attachment;
    }
}
