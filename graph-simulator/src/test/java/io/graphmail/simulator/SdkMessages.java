package io.graphmail.simulator;

import com.microsoft.graph.models.BodyType;
import com.microsoft.graph.models.EmailAddress;
import com.microsoft.graph.models.ItemBody;
import com.microsoft.graph.models.Message;
import com.microsoft.graph.models.Recipient;
import java.util.List;

/** Messages built with the Microsoft Graph SDK's own models, as a client would send them. */
final class SdkMessages {

    private SdkMessages() {}

    static Message message(String subject, String html, String... to) {
        var body = new ItemBody();
        body.setContentType(BodyType.Html);
        body.setContent(html);
        var message = new Message();
        message.setSubject(subject);
        message.setBody(body);
        message.setToRecipients(List.of(to).stream().map(SdkMessages::recipient).toList());
        return message;
    }

    private static Recipient recipient(String address) {
        var email = new EmailAddress();
        email.setAddress(address);
        var recipient = new Recipient();
        recipient.setEmailAddress(email);
        return recipient;
    }
}
