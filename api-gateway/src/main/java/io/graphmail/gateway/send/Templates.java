package io.graphmail.gateway.send;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import java.util.List;

/**
 * A batch template compiled once (JMustache), rendered per recipient. A variable a recipient lacks
 * is an error, not an empty string; values are HTML-escaped in the HTML body.
 */
final class Templates {

    private final Template subject;
    private final Template html;
    private final Template text;

    Templates(BatchRequest.Template template) {
        var strict = Mustache.compiler().strictSections(true);
        this.subject = strict.escapeHTML(false).compile(template.subject());
        this.html = template.html() == null ? null : strict.escapeHTML(true).compile(template.html());
        this.text = template.text() == null ? null : strict.escapeHTML(false).compile(template.text());
    }

    /**
     * The recipient's message; the template's {@code attachmentIds} are resolved once for the whole batch.
     *
     * @throws MustacheException if a variable is missing
     */
    SendMailRequest render(String accountId, BatchRequest.Recipient recipient) {
        var body = html != null
                ? new SendMailRequest.Body("html", html.execute(recipient.variables()))
                : new SendMailRequest.Body("text", text.execute(recipient.variables()));
        return SendMailRequest.plain(
                accountId,
                recipient.to(),
                recipient.cc(),
                recipient.bcc(),
                subject.execute(recipient.variables()),
                body,
                List.of());
    }
}
