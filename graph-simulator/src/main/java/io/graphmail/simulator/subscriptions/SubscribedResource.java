package io.graphmail.simulator.subscriptions;

import io.graphmail.simulator.mailbox.MailFolderIds;
import io.graphmail.simulator.mailbox.MessageChanged;
import io.graphmail.simulator.web.GraphErrorException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Outlook messages a subscription watches: a mailbox's messages, or one folder's. {@code mailbox} is null for a
 * {@code me/...} resource until the token's user is known.
 *
 * @param mailbox the mailbox address, lower case
 * @param folderId the folder's id; null for every message of the mailbox
 */
record SubscribedResource(String mailbox, String folderId) {

    private static final Pattern MESSAGES = Pattern.compile(
            "/?(?:me|users/([^/]+)|users\\('([^']+)'\\))"
                    + "(?:/mailFolders\\('([^']+)'\\)|/mailFolders/([^/]+))?/messages/?",
            Pattern.CASE_INSENSITIVE);

    /** The messages a {@code resource} names, e.g. {@code me/mailFolders('Inbox')/messages}. */
    static SubscribedResource parse(String resource, Optional<String> me) {
        var match = MESSAGES.matcher(resource == null ? "" : resource);
        if (!match.matches()) {
            throw GraphErrorException.badRequest(
                    "InvalidRequest", "The simulator supports subscriptions to Outlook messages only: " + resource);
        }
        String user = match.group(1) != null ? match.group(1) : match.group(2);
        String mailbox = user != null
                ? URLDecoder.decode(user, StandardCharsets.UTF_8)
                : me.orElseThrow(() -> GraphErrorException.badRequest(
                        "BadRequest", "/me request is only valid with delegated authentication flow."));
        String folder = match.group(3) != null ? match.group(3) : match.group(4);
        return new SubscribedResource(
                mailbox.toLowerCase(Locale.ROOT), folder == null ? null : MailFolderIds.idOf(folder));
    }

    /** Whether the message was among the watched ones before the change ({@code before}) or after it. */
    boolean covers(MessageChanged change, boolean before) {
        String folder = before ? change.folderBefore() : change.folderAfter();
        return change.mailbox().equals(mailbox) && folder != null && (folderId == null || folderId.equals(folder));
    }
}
