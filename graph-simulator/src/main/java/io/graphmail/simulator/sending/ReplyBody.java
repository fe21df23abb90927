package io.graphmail.simulator.sending;

import io.graphmail.simulator.mailbox.Message;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.springframework.web.util.HtmlUtils;

/** The HTML body of a reply draft, as Outlook writes one: the comment, then the original under its headers. */
final class ReplyBody {

    private ReplyBody() {}

    static Message.ItemBody quoting(Message original, String comment) {
        String quoted = original.body() == null
                ? ""
                : "html".equalsIgnoreCase(original.body().contentType())
                        ? original.body().content()
                        : "<pre>"
                                + HtmlUtils.htmlEscape(Objects.requireNonNullElse(
                                        original.body().content(), "")) + "</pre>";
        String html = "<html><body><div>" + HtmlUtils.htmlEscape(Objects.requireNonNullElse(comment, ""))
                + "</div><hr style=\"display:inline-block;width:98%\"><div id=\"divRplyFwdMsg\">"
                + "<b>From:</b> " + names(original.from() == null ? List.of() : List.of(original.from()))
                + "<br><b>Sent:</b> " + Objects.requireNonNullElse(original.sentDateTime(), "")
                + "<br><b>To:</b> " + names(original.toRecipients())
                + "<br><b>Subject:</b> " + HtmlUtils.htmlEscape(Objects.requireNonNullElse(original.subject(), ""))
                + "</div><br>" + quoted + "</body></html>";
        return new Message.ItemBody("html", html);
    }

    private static String names(List<Message.Recipient> recipients) {
        return Objects.requireNonNullElse(recipients, List.<Message.Recipient>of()).stream()
                .filter(recipient -> recipient != null && recipient.emailAddress() != null)
                .map(recipient -> {
                    var address = recipient.emailAddress();
                    String text = address.name() == null
                            ? address.address()
                            : address.name() + " <" + address.address() + ">";
                    return HtmlUtils.htmlEscape(Objects.requireNonNullElse(text, ""));
                })
                .collect(Collectors.joining("; "));
    }
}
