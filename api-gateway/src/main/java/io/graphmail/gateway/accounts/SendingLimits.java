package io.graphmail.gateway.accounts;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * An account's own sending limits; each one omitted keeps the default of the account's type. The maximums are the
 * most Exchange Online lets an admin configure for a mailbox: a recipient limit of up to 1,000 per message, a message
 * size of up to 150 MB, and at most 10,000 recipients a day (the recipient rate limit, which can only be lowered).
 * Personal (Outlook.com) accounts take at most 5,000 recipients a day.
 *
 * @param messagesPerMinute messages the worker sends per minute (default 30, Exchange Online's message rate limit)
 * @param recipientsPerDay recipients over a rolling 24 hours (default 10,000; personal accounts 5,000)
 * @param maxConcurrent Graph requests in progress at once for the mailbox (default 4)
 * @param recipientsPerMessage to, cc and bcc of one message together (default 500)
 * @param maxMessageSize body and attachments of one message, in bytes (default 35 MB)
 */
@Schema(description = "Sending limits for this mailbox; each omitted one keeps the default of the account's type")
public record SendingLimits(
        @Min(1) @Max(100_000) Integer messagesPerMinute,

        @Schema(description = "Recipients over a rolling 24 hours; at most 10,000, and 5,000 for personal accounts")
        @Min(1)
        @Max(MAX_RECIPIENTS_PER_DAY)
        Integer recipientsPerDay,

        @Min(1) @Max(100) Integer maxConcurrent,

        @Schema(description = "to, cc and bcc of one message together; at most 1,000")
        @Min(1)
        @Max(MAX_RECIPIENTS_PER_MESSAGE)
        Integer recipientsPerMessage,

        @Schema(description = "Body and attachments of one message, in bytes; at most 150 MB (157286400)")
        @Min(1)
        @Max(MAX_MESSAGE_SIZE)
        Long maxMessageSize) {

    /** Exchange Online's recipient rate limit, which an admin can lower but not raise. */
    public static final int MAX_RECIPIENTS_PER_DAY = 10_000;

    /** Outlook.com's daily recipients, for Microsoft 365 subscribers (lower for others). */
    public static final int MAX_PERSONAL_RECIPIENTS_PER_DAY = 5_000;

    /** The most Exchange Online's customisable recipient limit allows. */
    public static final int MAX_RECIPIENTS_PER_MESSAGE = 1_000;

    /** Exchange Online's largest configurable message size, 150 MB. */
    public static final long MAX_MESSAGE_SIZE = 150L * 1024 * 1024;

    /** No limits of its own: every one is the default. */
    public static final SendingLimits NONE = new SendingLimits(null, null, null, null, null);

    /** Whether a personal account may not have these limits: more recipients a day than Outlook.com allows. */
    boolean exceedsPersonalCap() {
        return recipientsPerDay != null && recipientsPerDay > MAX_PERSONAL_RECIPIENTS_PER_DAY;
    }

    static final String PERSONAL_CAP_MESSAGE = "may be at most " + MAX_PERSONAL_RECIPIENTS_PER_DAY
            + " for a personal (Outlook.com) account, the most Outlook.com allows a day";
}
