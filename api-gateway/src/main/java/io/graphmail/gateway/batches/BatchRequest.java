package io.graphmail.gateway.batches;

import io.graphmail.gateway.send.IsoInstant;
import io.graphmail.gateway.send.SendLimits;
import io.graphmail.gateway.send.SendMailRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.GroupSequence;
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
 * Many messages in one request: either {@code messages} (each like a single send) or a
 * {@code template} with {@code recipients}, at most {@value #MAX_ITEMS} items.
 */
@Schema(description = "A batch of messages, given one by one or as a template and its recipients")
@GroupSequence({BatchRequest.ItemCount.class, BatchRequest.class})
record BatchRequest(
        @Schema(description = "Sending account; the default account when omitted") @Size(max = 320)
        String accountId,

        @Schema(description = "Send every message at this instant instead of now")
        @JsonDeserialize(using = IsoInstant.class)
        Instant sendAt,

        @Size(max = MAX_ITEMS, groups = ItemCount.class) List<@NotNull @Valid SendMailRequest> messages,
        @Valid Template template,
        // Each item is checked by the BatchRules, not cascaded into: see there.
        @Size(max = MAX_ITEMS, groups = ItemCount.class) List<Recipient> recipients,

        @Schema(
                description = "high: every message of the batch goes in the account's transactional lane, ahead of"
                        + " other batches (a message of `messages` may set its own)",
                allowableValues = {"normal", "high"},
                example = "normal")
        @Pattern(regexp = "(?i)normal|high", message = "must be normal or high")
        String priority,

        @Schema(
                description = "Send to addresses on the client's suppression list too (default false). Without it an"
                        + " item with a suppressed recipient (to, cc or bcc) is recorded SUPPRESSED and not sent, and"
                        + " the rest of the batch goes; a message of `messages` may set its own")
        Boolean ignoreSuppressions) {

    static final int MAX_ITEMS = 10_000;

    /** Checked first, alone: a batch with too many items is refused before any item is validated. */
    interface ItemCount {}

    boolean hasTooManyItems() {
        return (messages != null && messages.size() > MAX_ITEMS)
                || (recipients != null && recipients.size() > MAX_ITEMS);
    }

    /**
     * Mustache templates; {@code {{name}}} is HTML-escaped in {@code html}, not in {@code text}.
     * {@code attachmentIds} go with every message: uploaded once, sent many times.
     */
    record Template(
            @NotBlank @Size(max = 255) String subject,
            @Size(max = 1_000_000) String html,
            @Size(max = 1_000_000) String text,

            @Schema(description = "Files uploaded through POST /api/v1/attachments, sent with every message")
            @Size(max = SendMailRequest.MAX_ATTACHMENT_IDS)
            List<@NotBlank @Size(max = 64) String> attachmentIds) {

        Template {
            attachmentIds = attachmentIds == null ? List.of() : attachmentIds;
        }
    }

    /** One recipient of a template and the values for its variables. */
    record Recipient(
            @Size(max = SendLimits.MAX_RECIPIENTS) List<@NotBlank @Email String> to,
            @Size(max = SendLimits.MAX_RECIPIENTS) List<@NotBlank @Email String> cc,
            @Size(max = SendLimits.MAX_RECIPIENTS) List<@NotBlank @Email String> bcc,
            Map<String, Object> variables) {

        Recipient {
            to = to == null ? List.of() : to;
            cc = cc == null ? List.of() : cc;
            bcc = bcc == null ? List.of() : bcc;
            variables = variables == null ? Map.of() : variables;
        }
    }
}
