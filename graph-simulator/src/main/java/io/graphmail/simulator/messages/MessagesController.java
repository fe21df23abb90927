package io.graphmail.simulator.messages;

import io.graphmail.simulator.auth.AuthenticatedMailbox;
import io.graphmail.simulator.mailbox.Folder;
import io.graphmail.simulator.mailbox.Mailboxes;
import io.graphmail.simulator.web.GraphErrorException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

@RestController
@RequestMapping("/v1.0")
class MessagesController {

    private final Mailboxes mailboxes;
    private final MessageJson json;

    MessagesController(Mailboxes mailboxes, MessageJson json) {
        this.mailboxes = mailboxes;
        this.json = json;
    }

    @GetMapping({"/me/messages", "/users/{userId}/messages"})
    Map<String, Object> list(
            @RequestAttribute(AuthenticatedMailbox.ATTRIBUTE) String mailbox,
            @RequestParam Map<String, String> params,
            HttpServletRequest request) {
        var query = MessageQuery.parse(params);
        return json.page(query.apply(mailboxes.of(mailbox).messages()), query, request);
    }

    @GetMapping({"/me/mailFolders/{folder}/messages", "/users/{userId}/mailFolders/{folder}/messages"})
    Map<String, Object> listFolder(
            @PathVariable String folder,
            @RequestAttribute(AuthenticatedMailbox.ATTRIBUTE) String mailbox,
            @RequestParam Map<String, String> params,
            HttpServletRequest request) {
        var query = MessageQuery.parse(params);
        return json.page(query.apply(mailboxes.of(mailbox).messagesIn(Folder.named(folder))), query, request);
    }

    @GetMapping({"/me/messages/{messageId}", "/users/{userId}/messages/{messageId}"})
    ObjectNode get(
            @PathVariable String messageId,
            @RequestAttribute(AuthenticatedMailbox.ATTRIBUTE) String mailbox,
            @RequestParam Map<String, String> params) {
        var message = mailboxes
                .of(mailbox)
                .find(messageId)
                .orElseThrow(() -> GraphErrorException.notFound("The specified object was not found in the store."));
        return json.message(message, MessageQuery.parse(params));
    }
}
