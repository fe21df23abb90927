package io.graphmail.simulator.messages;

import io.graphmail.simulator.auth.AuthenticatedMailbox;
import io.graphmail.simulator.mailbox.Folder;
import io.graphmail.simulator.mailbox.Mailbox;
import io.graphmail.simulator.mailbox.Mailboxes;
import io.graphmail.simulator.mailbox.Message;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The well-known mail folders, so that a client can resolve a well-known name to the folder's id and name. */
@RestController
@RequestMapping("/v1.0")
class MailFoldersController {

    private final Mailboxes mailboxes;

    MailFoldersController(Mailboxes mailboxes) {
        this.mailboxes = mailboxes;
    }

    /** A mail folder as Graph describes it. */
    record MailFolder(
            String id,
            String displayName,
            String parentFolderId,
            int childFolderCount,
            int unreadItemCount,
            int totalItemCount,
            boolean isHidden) {}

    @GetMapping({"/me/mailFolders", "/users/{userId}/mailFolders"})
    Map<String, Object> list(
            @RequestAttribute(AuthenticatedMailbox.ATTRIBUTE) String address, HttpServletRequest request) {
        Mailbox mailbox = mailboxes.of(address);
        List<MailFolder> folders = Arrays.stream(Folder.values())
                .map(folder -> describe(mailbox, folder))
                .toList();
        var body = new LinkedHashMap<String, Object>();
        body.put("@odata.context", ODataContext.of(request, "Collection(mailFolder)"));
        body.put("value", folders);
        return body;
    }

    @GetMapping({"/me/mailFolders/{folderId}", "/users/{userId}/mailFolders/{folderId}"})
    MailFolder get(@PathVariable String folderId, @RequestAttribute(AuthenticatedMailbox.ATTRIBUTE) String mailbox) {
        return describe(mailboxes.of(mailbox), Folder.named(folderId));
    }

    private static MailFolder describe(Mailbox mailbox, Folder folder) {
        List<Message> messages = mailbox.messagesIn(folder);
        int unread = (int) messages.stream()
                .filter(message -> !Boolean.TRUE.equals(message.isRead()))
                .count();
        return new MailFolder(folder.id(), folder.displayName(), "msgfolderroot", 0, unread, messages.size(), false);
    }
}
