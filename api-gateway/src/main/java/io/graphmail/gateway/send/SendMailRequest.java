package io.graphmail.gateway.send;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A request to send one message. At least one of {@code to}, {@code cc} and {@code bcc} must name a
 * recipient unless it is a reply; Exchange Online allows 500 recipients per message by default (an account may have its own limit).
 */
@Schema(description = "One message to send")
public record SendMailRequest(
        @Schema(
                description = "Sending account (mailbox); the configured default account when omitted",
                example = "me@graphmail.local")
        @Size(max = 320)
        String accountId,

        @Schema(example = "[\"ada@example.com\"]") @Size(max = SendLimits.MAX_RECIPIENTS)
        List<@NotBlank @Email String> to,

        @Size(max = SendLimits.MAX_RECIPIENTS) List<@NotBlank @Email String> cc,
        @Size(max = SendLimits.MAX_RECIPIENTS) List<@NotBlank @Email String> bcc,

        @Schema(example = "Quarterly report") @NotNull @Size(max = 255)
        String subject,

        @NotNull @Valid Body body,
        @Size(max = 10) List<@NotBlank @Email String> replyTo,
        @Size(max = 10) List<@NotNull @Valid Attachment> attachments,

        @Schema(description = "Send at this instant instead of now (ISO-8601)", example = "2026-12-24T18:00:00Z")
        @JsonDeserialize(using = IsoInstant.class)
        Instant sendAt,

        @Schema(description = "Files uploaded through POST /api/v1/attachments, by id") @Size(max = MAX_ATTACHMENT_IDS)
        List<@NotBlank @Size(max = 64) String> attachmentIds,

        @Schema(description = "Send as a reply in the thread of a synced message; then `to` may be empty") @Valid
        InReplyTo inReplyTo,

        @Schema(
                allowableValues = {"low", "normal", "high"},
                example = "normal")
        @Pattern(regexp = "(?i)low|normal|high", message = "must be low, normal or high")
        String importance,

        @Schema(
                description = "Custom internet message headers: names start with x-, at most 5 (Graph's limit)",
                example = "{\"x-order-id\": \"4711\"}")
        @CustomHeaders
        Map<String, String> headers,

        @Schema(description = "Keep a copy in the account's Sent Items (default true)")
        Boolean saveToSentItems,

        @Schema(description = "Send even to addresses on the client's suppression list (default false)")
        Boolean ignoreSuppressions,

        @Schema(
                description = "high: takes the account's next free sending slot ahead of bulk (batch) mail, even as"
                        + " part of a batch; single sends are always treated so",
                allowableValues = {"normal", "high"},
                example = "normal")
        @Pattern(regexp = "(?i)normal|high", message = "must be normal or high")
        String priority) {

    public static final int MAX_ATTACHMENT_IDS = 20;

    public SendMailRequest {
        to = to == null ? List.of() : to;
        cc = cc == null ? List.of() : cc;
        bcc = bcc == null ? List.of() : bcc;
        replyTo = replyTo == null ? List.of() : replyTo;
        attachments = attachments == null ? List.of() : attachments;
        attachmentIds = attachmentIds == null ? List.of() : attachmentIds;
        headers = headers == null ? Map.of() : headers;
        saveToSentItems = saveToSentItems == null ? Boolean.TRUE : saveToSentItems;
    }

    /** A plain message: no uploads, not a reply, default importance, headers and Sent Items copy. */
    public static SendMailRequest plain(
            String accountId,
            List<String> to,
            List<String> cc,
            List<String> bcc,
            String subject,
            Body body,
            List<Attachment> attachments) {
        return new SendMailRequest(
                accountId,
                to,
                cc,
                bcc,
                subject,
                body,
                List.of(),
                attachments,
                null,
                List.of(),
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** This request, with {@code priority} where it names none. */
    public SendMailRequest withDefaultPriority(String defaultPriority) {
        if (priority != null || defaultPriority == null) {
            return this;
        }
        return new SendMailRequest(
                accountId,
                to,
                cc,
                bcc,
                subject,
                body,
                replyTo,
                attachments,
                sendAt,
                attachmentIds,
                inReplyTo,
                importance,
                headers,
                saveToSentItems,
                ignoreSuppressions,
                defaultPriority);
    }

    public boolean hasRecipients() {
        return !to.isEmpty() || !cc.isEmpty() || !bcc.isEmpty();
    }

    /** A reply goes to the original sender, so it needs no recipient of its own. */
    public boolean needsRecipients() {
        return inReplyTo == null;
    }

    /** The message body. */
    public record Body(
            @Schema(
                    allowableValues = {"html", "text"},
                    example = "html")
            @NotNull
            @Pattern(regexp = "(?i)html|text", message = "must be html or text")
            String contentType,

            @Schema(example = "<p>Hello</p>") @NotNull @Size(max = SendLimits.MAX_BODY_CHARS)
            String content) {}

    /** The synced message this one answers. */
    record InReplyTo(
            @Schema(description = "A message id from GET /api/v1/accounts/{id}/messages") @NotBlank @Size(max = 200)
            String messageId,

            @Schema(description = "Answer the sender and all recipients (default false: the sender only)")
            Boolean replyAll) {

        InReplyTo {
            replyAll = replyAll != null && replyAll;
        }
    }

    /** A small file sent inline (Graph takes up to 3 MB this way). */
    public record Attachment(
            @NotBlank @Size(max = 255) String name,

            @Schema(example = "application/pdf") @NotBlank @Size(max = 255)
            String contentType,

            @Schema(description = "The file's bytes, Base64-encoded") @NotBlank @Base64Content
            String contentBase64) {}
}
