package io.graphmail.worker.send;

import io.graphmail.contract.send.AttachmentReference;
import io.graphmail.contract.send.MailAttachment;
import io.graphmail.contract.send.MailBody;
import io.graphmail.contract.send.MailReply;
import io.graphmail.contract.send.SendMailCommand;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Send commands for tests, naming only what a test cares about: unless told otherwise, a new command sending
 * {@code <p>Hello</p>} as HTML to ada@example.com, the original (not a resubmission), with nothing else set.
 */
final class SendMailCommandBuilder {

    private final String accountId;
    private String subject = "Hello";
    private List<String> to = List.of("ada@example.com");
    private MailBody body = new MailBody(MailBody.ContentType.HTML, "<p>Hello</p>");
    private List<MailAttachment> attachments = List.of();
    private List<AttachmentReference> storedAttachments = List.of();
    private MailReply reply;
    private String importance;
    private Map<String, String> headers = Map.of();
    private Boolean saveToSentItems;
    private Instant submittedAt = Instant.now();
    private UUID batchId;
    private String priority;

    private SendMailCommandBuilder(String accountId) {
        this.accountId = accountId;
    }

    static SendMailCommandBuilder sendMail(String accountId) {
        return new SendMailCommandBuilder(accountId);
    }

    SendMailCommandBuilder subject(String subject) {
        this.subject = subject;
        return this;
    }

    SendMailCommandBuilder to(List<String> to) {
        this.to = to;
        return this;
    }

    SendMailCommandBuilder body(MailBody body) {
        this.body = body;
        return this;
    }

    SendMailCommandBuilder textBody(String text) {
        return body(new MailBody(MailBody.ContentType.TEXT, text));
    }

    SendMailCommandBuilder htmlBody(String html) {
        return body(new MailBody(MailBody.ContentType.HTML, html));
    }

    SendMailCommandBuilder attachments(MailAttachment... attachments) {
        this.attachments = List.of(attachments);
        return this;
    }

    SendMailCommandBuilder storedAttachments(List<AttachmentReference> storedAttachments) {
        this.storedAttachments = storedAttachments;
        return this;
    }

    SendMailCommandBuilder replyTo(MailReply reply) {
        this.reply = reply;
        return this;
    }

    SendMailCommandBuilder importance(String importance) {
        this.importance = importance;
        return this;
    }

    SendMailCommandBuilder headers(Map<String, String> headers) {
        this.headers = headers;
        return this;
    }

    /** {@code null}: the default, a copy is kept. */
    SendMailCommandBuilder priority(String priority) {
        this.priority = priority;
        return this;
    }

    SendMailCommandBuilder saveToSentItems(Boolean saveToSentItems) {
        this.saveToSentItems = saveToSentItems;
        return this;
    }

    SendMailCommandBuilder submittedAt(Instant submittedAt) {
        this.submittedAt = submittedAt;
        return this;
    }

    /** {@code null}: a single send, in no batch. */
    SendMailCommandBuilder batch(UUID batchId) {
        this.batchId = batchId;
        return this;
    }

    SendMailCommand build() {
        return new SendMailCommand(
                UUID.randomUUID(),
                accountId,
                to,
                List.of(),
                List.of(),
                subject,
                body,
                List.of(),
                attachments,
                submittedAt,
                batchId,
                0,
                storedAttachments,
                reply,
                importance,
                headers,
                saveToSentItems,
                priority);
    }
}
