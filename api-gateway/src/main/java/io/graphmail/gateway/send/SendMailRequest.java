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

/**
 * A request to send one message. At least one of {@code to}, {@code cc} and {@code bcc} must name a
 * recipient; Exchange Online allows 500 recipients per message.
 */
@Schema(description = "One message to send")
record SendMailRequest(
        @Schema(
                description = "Sending account (mailbox); the configured default account when omitted",
                example = "me@graphmail.local")
        @Size(max = 320)
        String accountId,

        @Schema(example = "[\"ada@example.com\"]") @Size(max = 500)
        List<@NotBlank @Email String> to,

        @Size(max = 500) List<@NotBlank @Email String> cc,
        @Size(max = 500) List<@NotBlank @Email String> bcc,

        @Schema(example = "Quarterly report") @NotNull @Size(max = 255)
        String subject,

        @NotNull @Valid Body body,
        @Size(max = 10) List<@NotBlank @Email String> replyTo,
        @Size(max = 10) List<@Valid Attachment> attachments,

        @Schema(description = "Send at this instant instead of now (ISO-8601)", example = "2026-12-24T18:00:00Z")
        Instant sendAt) {

    SendMailRequest {
        to = to == null ? List.of() : to;
        cc = cc == null ? List.of() : cc;
        bcc = bcc == null ? List.of() : bcc;
        replyTo = replyTo == null ? List.of() : replyTo;
        attachments = attachments == null ? List.of() : attachments;
    }

    /** The message body. */
    record Body(
            @Schema(
                    allowableValues = {"html", "text"},
                    example = "html")
            @NotNull
            @Pattern(regexp = "(?i)html|text", message = "must be html or text")
            String contentType,

            @Schema(example = "<p>Hello</p>") @NotNull @Size(max = SendLimits.MAX_BODY_CHARS)
            String content) {}

    /** A small file sent inline (Graph takes up to 3 MB this way). */
    record Attachment(
            @NotBlank @Size(max = 255) String name,

            @Schema(example = "application/pdf") @NotBlank @Size(max = 255)
            String contentType,

            @Schema(description = "The file's bytes, Base64-encoded") @NotBlank
            String contentBase64) {}
}
