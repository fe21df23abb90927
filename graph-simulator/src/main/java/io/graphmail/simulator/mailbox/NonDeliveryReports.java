package io.graphmail.simulator.mailbox;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The non-delivery report (bounce) Exchange files in the sender's Inbox for a message it accepted but did not
 * deliver: from the organisation's MicrosoftExchange system mailbox, subject {@code Undeliverable: <subject>}, the
 * reason and Exchange's status code in the body, and the original's {@code Message-ID} so a client can match it.
 */
final class NonDeliveryReports {

    static final String SYSTEM_MAILBOX = "MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e";

    /** PidTagMessageClass as Graph names it, and the class Exchange gives a non-delivery report. */
    static final Message.ExtendedProperty MESSAGE_CLASS =
            new Message.ExtendedProperty("String 0x001A", "REPORT.IPM.Note.NDR");

    private NonDeliveryReports() {}

    /** A report on the whole message ({@code failedRecipient} null) or on one recipient it could not reach. */
    static Message of(Message original, NonDelivery reason, String failedRecipient, String sender, Instant now) {
        String domain = sender.substring(sender.indexOf('@') + 1).toLowerCase(Locale.ROOT);
        var from = new Message.Recipient(new Message.EmailAddress("Microsoft Outlook", SYSTEM_MAILBOX + "@" + domain));
        var to = new Message.Recipient(new Message.EmailAddress(null, sender));
        String subject = original.subject() == null ? "" : original.subject();
        String body = reason.explanation() + "\n\n"
                + "Diagnostic information for administrators:\n"
                + "Generating server: graph-simulator\n\n"
                + (failedRecipient == null ? "" : failedRecipient + "\n")
                + "Remote server returned '" + reason.diagnostic() + "'\n"
                + "Recipients: " + original.allRecipients().count() + "\n\n"
                + "Original message headers:\n"
                + "Message-ID: " + original.internetMessageId() + "\n"
                + "Subject: " + subject + "\n";
        return new Message(
                null,
                now,
                now,
                null,
                null,
                now,
                now,
                false,
                null,
                "Undeliverable: " + subject,
                null,
                "normal",
                null,
                original.conversationId(),
                false,
                false,
                null,
                new Message.ItemBody("text", body),
                from,
                from,
                List.of(to),
                null,
                null,
                null,
                null,
                null,
                List.of(
                        new Message.InternetMessageHeader("In-Reply-To", original.internetMessageId()),
                        new Message.InternetMessageHeader("X-MS-Exchange-Message-Is-Ndr", "")),
                List.of(MESSAGE_CLASS));
    }
}
