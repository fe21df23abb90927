package io.graphmail.worker.graph;

import com.microsoft.graph.models.Attachment;
import com.microsoft.graph.models.BodyType;
import com.microsoft.graph.models.EmailAddress;
import com.microsoft.graph.models.FileAttachment;
import com.microsoft.graph.models.Importance;
import com.microsoft.graph.models.InternetMessageHeader;
import com.microsoft.graph.models.ItemBody;
import com.microsoft.graph.models.Message;
import com.microsoft.graph.models.Recipient;
import com.microsoft.graph.models.SingleValueLegacyExtendedProperty;
import io.graphmail.contract.send.MailAttachment;
import io.graphmail.contract.send.MailBody;
import io.graphmail.contract.send.SendMailCommand;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/** Translates our command into Graph's message model. */
final class GraphMessages {

    /**
     * The single-value extended property that carries a delivery's key on the message, so that the
     * message can be found again in Drafts or Sent Items (our own property set's GUID).
     */
    static final String DELIVERY_KEY_PROPERTY =
            "String {9b7c2d1e-5a3f-4c8e-b6d0-7e1f2a3b4c5d} Name graphmailDeliveryKey";

    private GraphMessages() {}

    /** What a reply draft gets from the command (Graph has already set the subject and thread). */
    static Message replyChangesOf(SendMailCommand command) {
        var message = new Message();
        message.setBody(body(command.body()));
        if (!command.to().isEmpty()) {
            message.setToRecipients(recipients(command.to()));
        }
        message.setCcRecipients(recipients(command.cc()));
        message.setBccRecipients(recipients(command.bcc()));
        message.setReplyTo(recipients(command.replyTo()));
        applyOptions(message, command);
        return message;
    }

    /** The command as {@code sendMail}'s message: no draft to find again, so no delivery key, but every option. */
    static Message sendMailMessageOf(SendMailCommand command) {
        var message = from(command);
        applyImportanceAndHeaders(message, command);
        return message;
    }

    private static void applyOptions(Message message, SendMailCommand command) {
        applyImportanceAndHeaders(message, command);
        var key = new SingleValueLegacyExtendedProperty();
        key.setId(DELIVERY_KEY_PROPERTY);
        key.setValue(command.deliveryKey());
        message.setSingleValueExtendedProperties(List.of(key));
    }

    private static void applyImportanceAndHeaders(Message message, SendMailCommand command) {
        if (command.importance() != null) {
            message.setImportance(Importance.forValue(command.importance().toLowerCase(Locale.ROOT)));
        }
        // The delivery key travels only as the extended property, which lookups use: Graph takes at most five custom
        // headers (InvalidInternetMessageHeaderCollection beyond), and all five are the sender's.
        if (!command.headers().isEmpty()) {
            var headers = new ArrayList<InternetMessageHeader>();
            command.headers().forEach((name, value) -> headers.add(header(name, value)));
            message.setInternetMessageHeaders(headers);
        }
    }

    private static InternetMessageHeader header(String name, String value) {
        var header = new InternetMessageHeader();
        header.setName(name);
        header.setValue(value);
        return header;
    }

    private static Message from(SendMailCommand command) {
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
