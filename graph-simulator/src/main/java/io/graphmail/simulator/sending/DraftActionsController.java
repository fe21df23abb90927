package io.graphmail.simulator.sending;

import io.graphmail.simulator.auth.AuthenticatedMailbox;
import io.graphmail.simulator.messages.MessageJson;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

/** Graph's message actions: send a draft, and create reply drafts. */
@RestController
@RequestMapping("/v1.0")
class DraftActionsController {

    private final SendingDrafts sending;
    private final ReplyingToMessages replying;
    private final MessageJson json;

    DraftActionsController(SendingDrafts sending, ReplyingToMessages replying, MessageJson json) {
        this.sending = sending;
        this.replying = replying;
        this.json = json;
    }

    @PostMapping({"/me/messages/{messageId}/send", "/users/{userId}/messages/{messageId}/send"})
    ResponseEntity<Void> send(
            @PathVariable String messageId, @RequestAttribute(AuthenticatedMailbox.ATTRIBUTE) String mailbox) {
        sending.send(mailbox, messageId);
        return ResponseEntity.accepted().build();
    }

    @PostMapping({"/me/messages/{messageId}/createReply", "/users/{userId}/messages/{messageId}/createReply"})
    @ResponseStatus(HttpStatus.CREATED)
    ObjectNode createReply(
            @PathVariable String messageId,
            @RequestAttribute(AuthenticatedMailbox.ATTRIBUTE) String mailbox,
            @RequestBody(required = false) CreateReplyRequest request) {
        return reply(mailbox, messageId, request, false);
    }

    @PostMapping({"/me/messages/{messageId}/createReplyAll", "/users/{userId}/messages/{messageId}/createReplyAll"})
    @ResponseStatus(HttpStatus.CREATED)
    ObjectNode createReplyAll(
            @PathVariable String messageId,
            @RequestAttribute(AuthenticatedMailbox.ATTRIBUTE) String mailbox,
            @RequestBody(required = false) CreateReplyRequest request) {
        return reply(mailbox, messageId, request, true);
    }

    private ObjectNode reply(String mailbox, String messageId, CreateReplyRequest request, boolean toAll) {
        return json.message(replying.createReply(mailbox, messageId, request, toAll), Set.of(), false);
    }
}
