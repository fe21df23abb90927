package io.graphmail.worker.bounces;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a non-delivery report's text says: the recipient it could not reach, the enhanced status code and the remote
 * server's answer, and the {@code Message-ID} of the original. Microsoft documents no machine-readable body for
 * Exchange's reports, so this reads the administrator's section they show: the failed address on the line before
 * {@code Remote server returned '<reply>'}, and {@code Message-ID:} under the original's headers.
 */
record NonDeliveryReport(String recipient, String statusCode, String diagnostic, String originalMessageId) {

    private static final Pattern RETURNED = Pattern.compile(
            "(?:^|\\n)(?:\\s*([^\\s@<>]+@[^\\s@<>]+)\\s*\\n)?[^\\n]*?Remote server returned '([^']*)'",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern STATUS = Pattern.compile("\\b([245]\\.\\d{1,3}\\.\\d{1,3})\\b");
    private static final Pattern MESSAGE_ID =
            Pattern.compile("(?:^|\\n)\\s*Message-ID:\\s*(<[^>\\s]+>)", Pattern.CASE_INSENSITIVE);

    /** Hard bounces suppress the address; 4.x.x (transient) and 5.2.2 (mailbox full) do not. */
    boolean permanent() {
        return statusCode.startsWith("5.") && !statusCode.equals("5.2.2");
    }

    /** The report a text describes, when it names the original message and a status code. */
    static Optional<NonDeliveryReport> read(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String body = text.replace("\r\n", "\n");
        Matcher returned = RETURNED.matcher(body);
        Matcher messageId = MESSAGE_ID.matcher(body);
        if (!returned.find() || !messageId.find()) {
            return Optional.empty();
        }
        Matcher status = STATUS.matcher(returned.group(2));
        if (!status.find()) {
            return Optional.empty();
        }
        String recipient = returned.group(1) == null ? null : returned.group(1).toLowerCase(Locale.ROOT);
        return Optional.of(new NonDeliveryReport(recipient, status.group(1), returned.group(2), messageId.group(1)));
    }
}
