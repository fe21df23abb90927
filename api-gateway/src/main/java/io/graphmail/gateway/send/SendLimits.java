package io.graphmail.gateway.send;

import io.graphmail.gateway.accounts.SendingLimits;
import java.util.List;
import java.util.Objects;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Rules that span fields of a {@link SendMailRequest}: someone to send to (a reply has its original
 * sender) but never more recipients in to, cc and bcc together than any Exchange Online mailbox takes, and a whole
 * message that Graph accepts in one {@code sendMail} call (about 4 MB; inline attachments up to 3 MB).
 * The sending account's own limits (500 recipients and 35 MB by default) and uploaded attachments
 * ({@code attachmentIds}) are checked once the account is known, by {@link ResolvingReferences}.
 */
public final class SendLimits implements Validator {

    public static final int MAX_BODY_CHARS = 1_000_000;
    static final long MAX_ATTACHMENT_BASE64_CHARS = 4L * 1024 * 1024; // 3 MB of bytes
    static final long MAX_TOTAL_CHARS = 4L * 1024 * 1024 + MAX_BODY_CHARS;

    /**
     * The most recipients Exchange Online's recipient limit can be raised to: to, cc and bcc of one message together.
     * Over an account's limit Graph still accepts the message (202) and Exchange bounces it with a non-delivery
     * report, so it is refused here.
     */
    public static final int MAX_RECIPIENTS = SendingLimits.MAX_RECIPIENTS_PER_MESSAGE;

    @Override
    public boolean supports(Class<?> type) {
        return SendMailRequest.class.equals(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        var request = (SendMailRequest) target;
        if (request.needsRecipients() && !request.hasRecipients()) {
            errors.rejectValue(
                    "to",
                    "recipients.required",
                    "at least one recipient (to, cc or bcc) is required unless the message is a reply (inReplyTo)");
        }
        checkRecipients(request.to(), request.cc(), request.bcc(), errors);
        checkSize(request, errors);
    }

    /** At most {@link #MAX_RECIPIENTS} in to, cc and bcc together; the error goes on {@code to} under the nested path. */
    public static void checkRecipients(List<String> to, List<String> cc, List<String> bcc, Errors errors) {
        int total = size(to) + size(cc) + size(bcc);
        if (total > MAX_RECIPIENTS) {
            errors.rejectValue(
                    "to",
                    "recipients.tooMany",
                    "to, cc and bcc together name " + total + " recipients; Exchange Online takes at most "
                            + MAX_RECIPIENTS + " per message");
        }
    }

    private static int size(List<String> addresses) {
        return addresses == null ? 0 : addresses.size();
    }

    /**
     * The size rules alone, for a batch's items and the original send endpoint too: errors go on {@code attachments}
     * and {@code body} under the current nested path (e.g. {@code messages[7].attachments}).
     */
    public static void checkSize(SendMailRequest request, Errors errors) {
        long attachmentChars = request.attachments().stream()
                .filter(Objects::nonNull)
                .mapToLong(attachment -> length(attachment.contentBase64()))
                .sum();
        if (attachmentChars > MAX_ATTACHMENT_BASE64_CHARS) {
            errors.rejectValue("attachments", "attachments.tooLarge", "inline attachments may total at most 3 MB");
        }
        long bodyChars = request.body() == null ? 0 : length(request.body().content());
        if (bodyChars + attachmentChars + length(request.subject()) > MAX_TOTAL_CHARS) {
            errors.rejectValue(
                    "body",
                    "message.tooLarge",
                    "the whole message (body, subject, inline attachments) may be at most 5 MB");
        }
    }

    private static long length(String value) {
        return value == null ? 0 : value.length();
    }
}
